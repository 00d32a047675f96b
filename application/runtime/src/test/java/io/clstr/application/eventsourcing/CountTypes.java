package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.ports.out.codec.TypeCatalog;

/** The stored and transmitted names of the runtime tests' aggregate, {@link io.clstr.domain.kernel.testing.CountAggregate}. */
public final class CountTypes {

    private CountTypes() {
    }

    public static TypeCatalog catalog() {
        return TypeCatalog.empty()
                .with("count.incremented.v1", CountEvent.Incremented.class)
                .with("count.increment.v1", CountCommand.Increment.class)
                .with("count.state.v1", Count.class);
    }
}
