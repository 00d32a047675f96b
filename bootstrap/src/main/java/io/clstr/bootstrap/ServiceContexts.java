package io.clstr.bootstrap;

import io.clstr.adapters.javalin.counter.CounterRoutes;
import io.clstr.adapters.javalin.order.OrderRoutes;
import io.clstr.application.counter.CounterContext;
import io.clstr.application.order.OrderContext;
import io.clstr.bootstrap.loadtest.LoadTest;
import java.util.List;

/** The bounded contexts every node of this service runs: a new context is one line here. */
public final class ServiceContexts {

    public static final List<ServiceContext> ALL = List.of(new ServiceContext[] {
        // region sample: tools/MakeItYours.java --without-samples deletes the samples.
        new ServiceContext(new OrderContext(), OrderRoutes::new),
        new ServiceContext(new CounterContext(), CounterRoutes::new, List.of(LoadTest.COMMAND)),
        // endregion sample
    });

    private ServiceContexts() {
    }
}
