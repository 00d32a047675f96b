package io.clstr.domain.counter;

/** What a client may ask of a counter. */
public sealed interface CounterCommand {

    /**
     * Adds {@code amount} to the counter. The amount is not checked here: a non-positive amount is a
     * business refusal ({@link CounterRejections#INVALID_AMOUNT}), not a malformed command.
     */
    record Increment(long amount) implements CounterCommand {
    }
}
