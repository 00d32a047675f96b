package io.clstr.domain.counter;

import static io.clstr.domain.counter.CounterRejections.COUNTER_OVERFLOW;
import static io.clstr.domain.counter.CounterRejections.INVALID_AMOUNT;

import io.clstr.domain.counter.CounterCommand.Increment;
import io.clstr.domain.counter.CounterEvent.Incremented;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Decision;

/** A counter that only grows, by positive amounts, and never wraps around. */
public final class CounterAggregate implements Aggregate<CounterCommand, CounterEvent, Counter> {

    /** The aggregate type {@code counter}. */
    public static final AggregateType TYPE = AggregateType.of("counter");

    @Override
    public AggregateType type() {
        return TYPE;
    }

    @Override
    public Counter initialState(String id) {
        return new Counter(id, 0);
    }

    @Override
    public Decision<CounterEvent> decide(CounterCommand command, Counter counter) {
        if (command instanceof Increment increment) {
            return increment(increment, counter);
        }
        throw new IllegalArgumentException("unknown counter command " + command.getClass().getName());
    }

    private static Decision<CounterEvent> increment(Increment increment, Counter counter) {
        long amount = increment.amount();
        if (amount <= 0) {
            return Decision.reject(INVALID_AMOUNT, "increment must be positive, got " + amount);
        }
        // amount > 0, so MAX_VALUE - amount cannot overflow, whatever the current value is.
        if (counter.value() > Long.MAX_VALUE - amount) {
            return Decision.reject(COUNTER_OVERFLOW,
                    "counter " + counter.id() + " at " + counter.value() + " cannot grow by " + amount);
        }
        return Decision.accept(new Incremented(amount));
    }

    @Override
    public Counter evolve(Counter counter, CounterEvent event) {
        if (event instanceof Incremented incremented) {
            // Plain addition: decide has ruled out overflow, and evolve must not throw on a recorded fact.
            return new Counter(counter.id(), counter.value() + incremented.amount());
        }
        throw new IllegalArgumentException("unknown counter event " + event.getClass().getName());
    }

    @Override
    public Class<CounterCommand> commandType() {
        return CounterCommand.class;
    }

    @Override
    public Class<CounterEvent> eventType() {
        return CounterEvent.class;
    }

    @Override
    public Class<Counter> stateType() {
        return Counter.class;
    }
}
