package io.clstr.bootstrap;

import io.clstr.adapters.javalin.RouteGroup;
import io.clstr.application.context.BoundedContext;
import java.util.Objects;

/** A bounded context as this service runs it: its core (types, aggregates, use cases) and its HTTP routes. */
public record ServiceContext(BoundedContext core, RouteGroup routes) {

    public ServiceContext {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(routes, "routes");
    }
}
