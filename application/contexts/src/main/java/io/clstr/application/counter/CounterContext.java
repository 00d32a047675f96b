package io.clstr.application.counter;

import io.clstr.application.context.BoundedContext;
import io.clstr.application.context.ContextSetup;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

/** The counter sample, which the load test drives: counter entities and their use cases. */
public final class CounterContext implements BoundedContext {

    private final CounterAggregate counters = new CounterAggregate();

    @Override
    public TypeCatalog types() {
        return CounterTypes.catalog();
    }

    @Override
    public List<Aggregate<?, ?, ?>> aggregates() {
        return List.of(counters);
    }

    @Override
    public void start(ContextSetup setup) {
        setup.offer(new CounterService(setup.gateway(counters), setup.requestTimeout()));
    }
}
