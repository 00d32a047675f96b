package io.clstr.domain.kernel.testing;

/** What a test asks of a {@link Count}. */
public sealed interface CountCommand {

    /** Adds {@code amount}; a non-positive amount is refused with {@link CountAggregate#INVALID_AMOUNT}. */
    record Increment(long amount) implements CountCommand {
    }
}
