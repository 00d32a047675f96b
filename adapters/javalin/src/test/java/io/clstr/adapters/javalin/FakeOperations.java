package io.clstr.adapters.javalin;

import io.clstr.ports.in.operations.ClusterViewQuery;
import io.clstr.ports.in.operations.HealthQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A node whose readiness the test sets. */
final class FakeOperations implements HealthQuery, ClusterViewQuery {

    static final ClusterView VIEW = new ClusterView("node-1", "orders", 4,
            List.of(new Member("node-1", Instant.parse("2026-01-31T12:00:00Z")),
                    new Member("node-2", Instant.parse("2026-01-31T12:00:01.5Z"))),
            Map.of(3, "node-2", 0, "node-1", 1, "node-2", 2, "node-1"), List.of(2, 0),
            Map.of("order", 12L, "counter", 3L));

    volatile Health health = Health.healthy();

    @Override
    public Health readiness() {
        return health;
    }

    @Override
    public ClusterView clusterView() {
        return VIEW;
    }
}
