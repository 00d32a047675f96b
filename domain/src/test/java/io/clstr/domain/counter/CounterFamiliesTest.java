package io.clstr.domain.counter;

import static io.clstr.domain.counter.CounterFixtures.COUNTER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.Decision;
import io.clstr.domain.kernel.testing.SealedFamilies;
import org.junit.jupiter.api.Test;

/** Every member of the counter's sealed families is handled: adding one without handling it fails here. */
class CounterFamiliesTest {

    private final CounterAggregate aggregate = new CounterAggregate();
    private final Counter counter = new Counter(COUNTER_ID, 7);

    @Test
    void the_samples_cover_every_command_and_event_type() {
        SealedFamilies.assertSamplesCoverEveryLeaf(CounterCommand.class, CounterFixtures.oneOfEachCommand());
        SealedFamilies.assertSamplesCoverEveryLeaf(CounterEvent.class, CounterFixtures.oneOfEachEvent());
    }

    @Test
    void decides_every_command_type() {
        for (CounterCommand command : CounterFixtures.oneOfEachCommand()) {
            Decision<CounterEvent> decision = aggregate.decide(command, counter);
            assertThat(decision).as("decision on %s", command).isNotNull();
        }
    }

    @Test
    void evolves_every_event_type() {
        for (CounterEvent event : CounterFixtures.oneOfEachEvent()) {
            assertThat(aggregate.evolve(counter, event)).as("state after %s", event).isNotEqualTo(counter);
        }
    }

    @Test
    void declares_its_families() {
        assertThat(aggregate.commandType()).isEqualTo(CounterCommand.class);
        assertThat(aggregate.eventType()).isEqualTo(CounterEvent.class);
        assertThat(aggregate.stateType()).isEqualTo(Counter.class);
    }
}
