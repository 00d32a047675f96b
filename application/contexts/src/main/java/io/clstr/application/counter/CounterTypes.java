package io.clstr.application.counter;

import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.domain.counter.CounterEvent;
import io.clstr.ports.out.codec.TypeCatalog;

/** The stored and transmitted names of the counter sample's types. */
public final class CounterTypes {

    private CounterTypes() {
    }

    public static TypeCatalog catalog() {
        return TypeCatalog.empty()
                .with("counter.incremented.v1", CounterEvent.Incremented.class)
                .with("counter.increment.v1", CounterCommand.Increment.class)
                .with("counter.state.v1", Counter.class);
    }
}
