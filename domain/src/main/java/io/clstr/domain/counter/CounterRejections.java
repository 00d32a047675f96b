package io.clstr.domain.counter;

/** The codes with which {@link CounterAggregate} refuses a command. Clients match on them: never rename one. */
public final class CounterRejections {

    /** The increment is zero or negative. */
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    /** The increment would take the counter past {@link Long#MAX_VALUE}. */
    public static final String COUNTER_OVERFLOW = "COUNTER_OVERFLOW";

    private CounterRejections() {
    }
}
