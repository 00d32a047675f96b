package io.clstr.domain.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.counter.CounterCommand.Increment;
import io.clstr.domain.kernel.Decision;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CounterPropertiesTest {

    /** Amounts around every boundary the rules care about: zero, the sign, and the top of {@code long}. */
    private static final long[] AMOUNTS = {
        Long.MIN_VALUE, -1, 0, 1, 2, 1_000, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE
    };
    private static final int SEQUENCE_LENGTH = 4;

    private final CounterAggregate aggregate = new CounterAggregate();

    /**
     * For every sequence of {@value #SEQUENCE_LENGTH} boundary amounts (6,561 of them), the counter holds
     * exactly the sum of the increments it accepted, and it refuses exactly the non-positive ones and those
     * that would take it past {@link Long#MAX_VALUE}. The sum is checked in {@link BigInteger}, so an overflow
     * cannot hide.
     */
    @Test
    void holds_the_exact_sum_of_accepted_increments_and_refuses_exactly_the_others() {
        int sequences = (int) Math.pow(AMOUNTS.length, SEQUENCE_LENGTH);
        for (int sequence = 0; sequence < sequences; sequence++) {
            Counter counter = aggregate.initialState("c");
            BigInteger acceptedSum = BigInteger.ZERO;
            int digits = sequence;
            for (int step = 0; step < SEQUENCE_LENGTH; step++, digits /= AMOUNTS.length) {
                long amount = AMOUNTS[digits % AMOUNTS.length];
                BigInteger next = acceptedSum.add(BigInteger.valueOf(amount));
                boolean allowed = amount > 0 && next.bitLength() < Long.SIZE;

                Decision<CounterEvent> decision = aggregate.decide(new Increment(amount), counter);

                assertThat(decision instanceof Decision.Accepted)
                        .as("sequence %d: increment %d at %d accepted", sequence, amount, counter.value())
                        .isEqualTo(allowed);
                if (decision instanceof Decision.Accepted<CounterEvent> accepted) {
                    counter = aggregate.replay(counter, accepted.events());
                    acceptedSum = next;
                }
                assertThat(counter.value()).isEqualTo(acceptedSum.longValueExact());
            }
        }
    }
}
