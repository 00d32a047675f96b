package io.clstr.bootstrap.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's settings, validated: every value here is in range. {@link ConfigParser} builds it from the
 * environment and the command line; each field is one {@link Setting}.
 *
 * @param shards how many shards keys are spread over; every node of a cluster must agree
 * @param httpAddress the interface HTTP listens on; empty for all interfaces
 * @param httpPort 0 means any free port
 * @param httpMaxBodyBytes larger request bodies are answered 413
 * @param requestTimeout how long one request may take, retries included, before it is answered 503
 * @param idleTimeout an entity unused for this long is passivated
 * @param maxActiveEntities per aggregate type; beyond it the least recently used entities are passivated
 * @param snapshotEvery take a snapshot every this many events; 0 never
 * @param shutdownTimeout the longest a graceful stop may take
 * @param management where {@code /cluster}, {@code /metrics} and health are served apart from the API; empty to
 *     serve them on the API port
 * @param problemTypeBase what the {@code type} of a problem document starts with, before the code in kebab case
 * @param shutdownDelay how long a stopping node keeps serving while readiness answers 503, before the graceful
 *     stop (and its timeout) begins; zero stops at once
 * @param logs format and levels of the logs, and the access log
 */
public record ClstrConfig(BackendKind backend, NatsConfig nats, String nodeId, String cluster, int shards,
        Optional<String> httpAddress, int httpPort, int httpMaxBodyBytes, Duration requestTimeout,
        Optional<Management> management, String problemTypeBase, Duration idleTimeout, int maxActiveEntities,
        int snapshotEvery,
        Duration shutdownTimeout, Duration heartbeatInterval, Duration memberTtl,
        // Operations.
        Duration shutdownDelay, LogConfig logs) {

    /**
     * The management listener.
     *
     * @param address empty for all interfaces
     * @param port 0 means any free port
     */
    public record Management(Optional<String> address, int port) {
        public Management {
            Objects.requireNonNull(address, "address");
        }
    }

    public ClstrConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(nats, "nats");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(httpAddress, "httpAddress");
        Objects.requireNonNull(management, "management");
        Objects.requireNonNull(problemTypeBase, "problemTypeBase");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(memberTtl, "memberTtl");
        Objects.requireNonNull(shutdownDelay, "shutdownDelay");
        Objects.requireNonNull(logs, "logs");
    }
}
