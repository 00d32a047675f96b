package io.clstr.adapters.javalin.internal;

import io.clstr.adapters.javalin.HttpApi;
import io.clstr.ports.in.operations.HealthQuery.Health;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/** Health probes and the cluster view. Both ports answer from memory, so the handlers call them directly. */
public final class OperationsRoutes {

    private final HttpApi.Operations operations;
    private final Responses responses;

    public OperationsRoutes(HttpApi.Operations operations, Responses responses) {
        this.operations = operations;
        this.responses = responses;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/health/live", this::live);
        routes.get("/health/ready", this::ready);
        routes.get("/cluster", this::cluster);
    }

    /** Answering at all is the proof of life: it asks nothing of the node. */
    private void live(Context ctx) {
        responses.json(ctx, 200, Documents.Status.UP);
    }

    private void ready(Context ctx) {
        Health health = operations.health().readiness();
        if (health.ready()) {
            responses.json(ctx, 200, Documents.Status.UP);
        } else {
            String problem = health.problem() == null || health.problem().isBlank()
                    ? "The node is not ready." : health.problem();
            responses.problem(ctx, Problem.of(ProblemCode.NOT_READY, problem));
        }
    }

    private void cluster(Context ctx) {
        responses.json(ctx, 200, Documents.Cluster.of(operations.cluster().clusterView()));
    }
}
