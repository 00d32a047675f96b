package io.clstr.domain.counter;

import io.clstr.domain.counter.CounterCommand.Increment;
import io.clstr.domain.counter.CounterEvent.Incremented;
import io.clstr.domain.kernel.testing.AggregateScenario;
import java.util.List;

/** Ready-made counters, commands and events for tests of any module (shipped in the domain test-jar). */
public final class CounterFixtures {

    public static final String COUNTER_ID = "counter-1";

    private CounterFixtures() {
    }

    /** A scenario on the counter {@link #COUNTER_ID}. */
    public static AggregateScenario<CounterCommand, CounterEvent, Counter> aCounter() {
        return AggregateScenario.of(new CounterAggregate(), COUNTER_ID);
    }

    public static Increment increment(long amount) {
        return new Increment(amount);
    }

    public static Incremented incremented(long amount) {
        return new Incremented(amount);
    }

    /** One instance of every command type; {@code SealedFamilies.assertSamplesCoverEveryLeaf} holds. */
    public static List<CounterCommand> oneOfEachCommand() {
        return List.of(increment(1));
    }

    /** One instance of every event type; {@code SealedFamilies.assertSamplesCoverEveryLeaf} holds. */
    public static List<CounterEvent> oneOfEachEvent() {
        return List.of(incremented(1));
    }
}
