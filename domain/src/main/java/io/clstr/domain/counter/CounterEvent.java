package io.clstr.domain.counter;

/** What happened to a counter. */
public sealed interface CounterEvent {

    /** The counter grew by {@code amount} (always positive when emitted by {@link CounterAggregate}). */
    record Incremented(long amount) implements CounterEvent {
    }
}
