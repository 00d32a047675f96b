package io.clstr.bootstrap.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A node's settings, validated: every value here is in range. {@link ConfigParser} builds it from the
 * environment and the command line; each field is one {@link Setting}.
 *
 * @param shards how many shards keys are spread over; every node of a cluster must agree
 * @param httpPort 0 means any free port
 * @param httpMaxBodyBytes larger request bodies are answered 413
 * @param requestTimeout how long one request may take, retries included, before it is answered 503
 * @param idleTimeout an entity unused for this long is passivated
 * @param maxActiveEntities per aggregate type; beyond it the least recently used entities are passivated
 * @param snapshotEvery take a snapshot every this many events; 0 never
 * @param shutdownTimeout the longest a graceful stop may take
 */
public record ClstrConfig(BackendKind backend, NatsConfig nats, String nodeId, String cluster, int shards,
        int httpPort, int httpMaxBodyBytes, Duration requestTimeout, Duration idleTimeout, int maxActiveEntities,
        int snapshotEvery, Duration shutdownTimeout, Duration heartbeatInterval, Duration memberTtl) {

    public ClstrConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(nats, "nats");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(memberTtl, "memberTtl");
    }
}
