package io.clstr.adapters.javalin;

import io.clstr.adapters.javalin.internal.RouteSupport;
import io.clstr.ports.in.UseCases;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The HTTP routes of one bounded context, usually a constructor reference ({@code OrderRoutes::new}). The server
 * binds each group once, when it is built: the group takes the ports it calls from {@code useCases} then, so a
 * missing one stops the node at start, not at the first request.
 */
@FunctionalInterface
public interface RouteGroup {

    /**
     * The group's handlers over the ports they call.
     *
     * @param http what every handler uses: strict body reading, command headers, calls that hold no server thread,
     *     and response and problem writing
     */
    Routes bind(UseCases useCases, RouteSupport http);

    /** Handlers bound to their ports. */
    interface Routes {

        /** Adds the handlers to the server. */
        void register(JavalinDefaultRoutingApi routes);
    }
}
