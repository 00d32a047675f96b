package io.clstr.ports.out.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/** What the cluster reports. Labels are bounded: message types, error types and node ids. */
public interface ClusterMetrics {

    ClusterMetrics NOOP = new ClusterMetrics() {
    };

    /** Nobody serves the shard ({@link #transportError}). */
    String NO_RESPONDERS = "no_responders";
    /** The attempt timed out. */
    String TIMEOUT = "timeout";
    /** The node asked no longer serves the shard. */
    String NOT_OWNER = "not_owner";
    /** The owner could not run the request now: a full mailbox, a stopping entity, a store error. */
    String UNAVAILABLE = "unavailable";
    /** Every error type {@link #transportError} reports; metrics may register each up front. */
    List<String> TRANSPORT_ERROR_TYPES = List.of(NO_RESPONDERS, TIMEOUT, NOT_OWNER, UNAVAILABLE);

    /**
     * A routed request finished, after any retries ({@code clstr_cluster_request_duration_seconds}
     * and {@code clstr_cluster_requests_total}).
     */
    default void request(String messageType, boolean success, long nanos) {
    }

    /**
     * A routing attempt failed in the transport and may be retried ({@code clstr_cluster_transport_errors_total});
     * {@code errorType} is one of {@link #TRANSPORT_ERROR_TYPES}.
     */
    default void transportError(String errorType) {
    }

    /** A request was retried ({@code clstr_cluster_retries_total}). */
    default void retry(String messageType) {
    }

    /**
     * A node handled a request for one of its shards ({@code clstr_cluster_handler_duration_seconds}
     * and {@code clstr_cluster_handlers_total}).
     */
    default void handled(String messageType, boolean success, long nanos) {
    }

    /** Requests a node is working on ({@code clstr_cluster_handlers_active}); registered once per node. */
    default void registerHandlersActive(String nodeId, LongSupplier active) {
    }

    /** Shards a node serves ({@code clstr_cluster_shards_owned}); registered once per node. */
    default void registerShardsOwned(String nodeId, LongSupplier owned) {
    }

    /** Live members a node sees ({@code clstr_cluster_members}); registered once per node. */
    default void registerMembers(String nodeId, LongSupplier members) {
    }

    /** A node took or gave up a shard ({@code clstr_cluster_shard_moves_total}). */
    default void shardMoved(String nodeId, boolean acquired) {
    }
}
