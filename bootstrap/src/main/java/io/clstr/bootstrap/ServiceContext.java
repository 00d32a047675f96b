package io.clstr.bootstrap;

import io.clstr.adapters.javalin.RouteGroup;
import io.clstr.application.context.BoundedContext;
import java.util.List;
import java.util.Objects;

/**
 * A bounded context as this service runs it: its core (types, aggregates, use cases), its HTTP routes and the
 * commands of the jar it brings, if any.
 */
public record ServiceContext(BoundedContext core, RouteGroup routes, List<JarCommand> commands) {

    public ServiceContext {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(routes, "routes");
        commands = List.copyOf(commands);
    }

    public ServiceContext(BoundedContext core, RouteGroup routes) {
        this(core, routes, List.of());
    }
}
