package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.operations.ClusterViewQuery;
import io.clstr.ports.in.operations.HealthQuery;
import io.clstr.ports.in.operations.HealthQuery.Health;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Health probes, the cluster view and the API document (assembled by {@code ApiDocument}). Both ports answer from memory, so the handlers call
 * them directly.
 */
public final class OperationsRoutes {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String CLUSTER = "/cluster";
    public static final String API_DOCUMENT = "/openapi.yaml";
    /** The media type of YAML (RFC 9512). */
    static final String YAML = "application/yaml";

    private final HealthQuery health;
    private final ClusterViewQuery cluster;
    private final Responses responses;
    private final byte[] apiDocument;

    public OperationsRoutes(UseCases useCases, Responses responses, byte[] apiDocument) {
        this.health = useCases.get(HealthQuery.class);
        this.cluster = useCases.get(ClusterViewQuery.class);
        this.responses = responses;
        this.apiDocument = apiDocument.clone();
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(LIVE, this::live);
        routes.get(READY, this::ready);
        routes.get(CLUSTER, this::cluster);
        routes.get(API_DOCUMENT, ctx -> ctx.status(200).contentType(YAML).result(apiDocument));
    }

    /** Answering at all is the proof of life: it asks nothing of the node. */
    private void live(Context ctx) {
        responses.json(ctx, 200, Documents.Status.UP);
    }

    private void ready(Context ctx) {
        Health readiness = health.readiness();
        if (readiness.ready()) {
            responses.json(ctx, 200, Documents.Status.UP);
        } else {
            String problem = readiness.problem() == null || readiness.problem().isBlank()
                    ? "The node is not ready." : readiness.problem();
            responses.problem(ctx, Problem.of(ProblemCode.NOT_READY, problem));
        }
    }

    private void cluster(Context ctx) {
        responses.json(ctx, 200, Documents.Cluster.of(cluster.clusterView()));
    }
}
