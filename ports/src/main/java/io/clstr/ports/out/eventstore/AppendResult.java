package io.clstr.ports.out.eventstore;

/**
 * The outcome of a successful append.
 *
 * @param version the stream's version after the append (the version of its last event)
 * @param position the global position of the commit
 */
public record AppendResult(long version, long position) {
}
