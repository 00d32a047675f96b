package io.clstr.domain.counter;

import static io.clstr.domain.counter.CounterFixtures.COUNTER_ID;
import static io.clstr.domain.counter.CounterFixtures.aCounter;
import static io.clstr.domain.counter.CounterFixtures.increment;
import static io.clstr.domain.counter.CounterFixtures.incremented;
import static io.clstr.domain.counter.CounterRejections.COUNTER_OVERFLOW;
import static io.clstr.domain.counter.CounterRejections.INVALID_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CounterAggregateTest {

    private final CounterAggregate aggregate = new CounterAggregate();

    @Test
    void is_the_counter_type_and_starts_at_zero() {
        assertThat(aggregate.type().name()).isEqualTo("counter");
        assertThat(aggregate.initialState(COUNTER_ID)).isEqualTo(new Counter(COUNTER_ID, 0));
    }

    @Test
    void replays_increments_into_their_sum() {
        assertThat(aCounter().given(incremented(2), incremented(3), incremented(40)).state().value()).isEqualTo(45);
    }

    @Nested
    class Incrementing {

        @Test
        void adds_the_amount_to_the_value() {
            aCounter()
                    .given(incremented(2))
                    .when(increment(3))
                    .thenEmits(incremented(3))
                    .thenState(counter -> assertThat(counter).isEqualTo(new Counter(COUNTER_ID, 5)));
        }

        @Test
        void accepts_an_increment_that_reaches_the_largest_value_exactly() {
            aCounter()
                    .given(incremented(Long.MAX_VALUE - 10))
                    .when(increment(10))
                    .thenEmits(incremented(10))
                    .thenState(counter -> assertThat(counter.value()).isEqualTo(Long.MAX_VALUE));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void rejects_an_amount_that_is_not_positive(long amount) {
            aCounter().given(incremented(5)).when(increment(amount)).thenRejects(INVALID_AMOUNT);
        }

        @Test
        void rejects_an_increment_past_the_largest_value() {
            aCounter().given(incremented(Long.MAX_VALUE - 10)).when(increment(11)).thenRejects(COUNTER_OVERFLOW);
        }

        @Test
        void rejects_any_increment_of_a_counter_at_the_largest_value() {
            aCounter().given(incremented(Long.MAX_VALUE)).when(increment(1)).thenRejects(COUNTER_OVERFLOW);
        }

        @Test
        void rejects_the_largest_increment_of_a_counter_that_is_not_zero() {
            aCounter().given(incremented(1)).when(increment(Long.MAX_VALUE)).thenRejects(COUNTER_OVERFLOW);
        }
    }
}
