package io.clstr.adapters.javalin.internal;

import io.clstr.adapters.javalin.HttpApi;
import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/** The counter API. */
public final class CounterRoutes {

    private final HttpApi.Counters counters;
    private final RouteSupport http;

    public CounterRoutes(HttpApi.Counters counters, RouteSupport http) {
        this.counters = counters;
        this.http = http;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/counters/{id}/increment", this::increment);
        routes.get("/counters/{id}", this::get);
    }

    /** The body is optional: no body (or an empty one) adds 1. */
    private void increment(Context ctx) {
        String counterId = Parameters.pathId(ctx, "id");
        long amount = http.bodies().optional(ctx, Requests.Increment.class)
                .map(Requests.Increment::validated)
                .orElse(Requests.Increment.DEFAULT_AMOUNT);
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> counters.increment().increment(counterId, amount, request),
                (done, accepted) -> http.responses().accepted(done, 200, accepted, accepted.view().version(),
                        Documents.Counter.of(accepted.view())));
    }

    private void get(Context ctx) {
        String counterId = Parameters.pathId(ctx, "id");
        http.calls().query(ctx, () -> counters.get().getCounter(counterId),
                "No counter with this id was ever incremented.", this::answer);
    }

    private void answer(Context ctx, CounterView view) {
        http.responses().versioned(ctx, view.version(), Documents.Counter.of(view));
    }
}
