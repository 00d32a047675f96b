package io.clstr.domain.kernel.testing;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Decision;

/**
 * The smallest aggregate that exercises a runtime: a number that grows by positive amounts and refuses
 * anything else. The runtime's tests (entities, cluster, projections) use it rather than a sample, so they
 * keep running in a project that deleted the samples; its sum makes lost or doubled commands visible.
 */
public final class CountAggregate implements Aggregate<CountCommand, CountEvent, Count> {

    /** The aggregate type {@code count}. */
    public static final AggregateType TYPE = AggregateType.of("count");

    /** The rejection code of an increment that is zero or negative. */
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    @Override
    public AggregateType type() {
        return TYPE;
    }

    @Override
    public Count initialState(String id) {
        return new Count(id, 0);
    }

    @Override
    public Decision<CountEvent> decide(CountCommand command, Count count) {
        if (command instanceof CountCommand.Increment increment) {
            return increment.amount() > 0
                    ? Decision.accept(new CountEvent.Incremented(increment.amount()))
                    : Decision.reject(INVALID_AMOUNT, "increment must be positive, got " + increment.amount());
        }
        throw new IllegalArgumentException("unknown count command " + command.getClass().getName());
    }

    @Override
    public Count evolve(Count count, CountEvent event) {
        if (event instanceof CountEvent.Incremented incremented) {
            return new Count(count.id(), count.value() + incremented.amount());
        }
        throw new IllegalArgumentException("unknown count event " + event.getClass().getName());
    }

    @Override
    public Class<CountCommand> commandType() {
        return CountCommand.class;
    }

    @Override
    public Class<CountEvent> eventType() {
        return CountEvent.class;
    }

    @Override
    public Class<Count> stateType() {
        return Count.class;
    }
}
