package io.clstr.adapters.javalin.counter;

import io.clstr.adapters.javalin.RouteGroup;
import io.clstr.adapters.javalin.internal.FieldErrors;
import io.clstr.adapters.javalin.internal.Parameters;
import io.clstr.adapters.javalin.internal.RouteSupport;
import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.counter.GetCounterQuery;
import io.clstr.ports.in.counter.IncrementCounterUseCase;
import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/** The counter API. Responses are the port's view as it is: the API document's counter has exactly its fields. */
public final class CounterRoutes implements RouteGroup.Routes {

    private final IncrementCounterUseCase increment;
    private final GetCounterQuery get;
    private final RouteSupport http;

    public CounterRoutes(UseCases useCases, RouteSupport http) {
        increment = useCases.get(IncrementCounterUseCase.class);
        get = useCases.get(GetCounterQuery.class);
        this.http = http;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/counters/{id}/increment", this::increment);
        routes.get("/counters/{id}", this::get);
    }

    /** The body is optional: no body (or an empty one) adds 1. */
    private void increment(Context ctx) {
        String counterId = Parameters.pathId(ctx, "id");
        long amount = http.bodies().optional(ctx, Increment.class)
                .map(Increment::validated)
                .orElse(Increment.DEFAULT_AMOUNT);
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> increment.increment(counterId, amount, request),
                (done, accepted) -> http.responses().accepted(done, 200, accepted, accepted.view().version(),
                        accepted.view()));
    }

    private void get(Context ctx) {
        String counterId = Parameters.pathId(ctx, "id");
        http.calls().query(ctx, () -> get.getCounter(counterId),
                "No counter with this id was ever incremented.", this::answer);
    }

    private void answer(Context ctx, CounterView view) {
        http.responses().versioned(ctx, view.version(), view);
    }

    /** {@code POST /counters/{id}/increment}; the amount defaults to 1. */
    public record Increment(Long amount) {

        static final long DEFAULT_AMOUNT = 1;

        public long validated() {
            if (amount == null) {
                return DEFAULT_AMOUNT;
            }
            return FieldErrors.validate(errors -> errors.positive("amount", amount));
        }
    }
}
