package io.clstr.domain.kernel.testing;

/** What happened to a {@link Count}. */
public sealed interface CountEvent {

    /** The count grew by {@code amount}. */
    record Incremented(long amount) implements CountEvent {
    }
}
