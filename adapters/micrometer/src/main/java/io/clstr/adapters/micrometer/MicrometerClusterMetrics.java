package io.clstr.adapters.micrometer;

import io.clstr.ports.out.metrics.ClusterMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.function.LongSupplier;

/**
 * {@link ClusterMetrics} as {@code clstr_cluster_*} meters; see {@link MetricNames}. Shard moves carry
 * {@code direction} ({@code acquired} or {@code released}) next to {@code node_id}. The counters alerts watch
 * exist at 0 from the first sign of their label value: transport errors of every documented type from the start,
 * shard moves from a node's registration, retries from a message type's first request.
 */
final class MicrometerClusterMetrics implements ClusterMetrics {

    private static final String MESSAGE_TYPE = TimedOutcomes.MESSAGE_TYPE;
    private static final String NODE_ID = "node_id";

    private final MetersByLabel<TimedOutcomes> requests;
    private final MetersByLabel<Counter> transportErrors;
    private final MetersByLabel<Counter> retries;
    private final MetersByLabel<TimedOutcomes> handlers;
    private final GaugeFamily handlersActive;
    private final GaugeFamily shardsOwned;
    private final GaugeFamily members;
    private final MetersByLabel<ByBoolean<Counter>> shardMoves;

    MicrometerClusterMetrics(MeterFactory meters) {
        transportErrors = meters.byLabel("error_type", error -> meters.counter("clstr.cluster.transport.errors",
                "Routing attempts that failed in the transport", "error_type", error));
        ClusterMetrics.TRANSPORT_ERROR_TYPES.forEach(transportErrors::get);
        retries = meters.byLabel(MESSAGE_TYPE, type -> meters.counter("clstr.cluster.retries",
                "Requests retried", MESSAGE_TYPE, type));
        requests = TimedOutcomes.byMessageType(meters,
                "clstr.cluster.request.duration", "A routed request, retries included",
                "clstr.cluster.requests", "Routed requests finished", retries::get);
        handlers = TimedOutcomes.byMessageType(meters,
                "clstr.cluster.handler.duration", "A node handling a request for one of its shards",
                "clstr.cluster.handlers", "Requests handled by a node");
        handlersActive = meters.gauges("clstr.cluster.handlers.active", "Requests a node is working on", NODE_ID);
        shardsOwned = meters.gauges("clstr.cluster.shards.owned", "Shards a node serves", NODE_ID);
        members = meters.gauges("clstr.cluster.members", "Live members a node sees", NODE_ID);
        shardMoves = meters.byLabel(NODE_ID, node -> ByBoolean.of("acquired", "released", direction ->
                meters.counter("clstr.cluster.shard.moves", "Shards a node took or gave up",
                        NODE_ID, node, "direction", direction)));
    }

    @Override
    public void request(String messageType, boolean success, long nanos) {
        requests.get(messageType).record(success, nanos);
    }

    @Override
    public void transportError(String errorType) {
        transportErrors.get(errorType).increment();
    }

    @Override
    public void retry(String messageType) {
        retries.get(messageType).increment();
    }

    @Override
    public void handled(String messageType, boolean success, long nanos) {
        handlers.get(messageType).record(success, nanos);
    }

    @Override
    public void registerHandlersActive(String nodeId, LongSupplier active) {
        handlersActive.register(nodeId, active);
    }

    /** Also the first sign of a node: its shard moves read 0 from now on, not "no data". */
    @Override
    public void registerShardsOwned(String nodeId, LongSupplier owned) {
        shardsOwned.register(nodeId, owned);
        shardMoves.get(nodeId);
    }

    @Override
    public void registerMembers(String nodeId, LongSupplier members) {
        this.members.register(nodeId, members);
    }

    @Override
    public void shardMoved(String nodeId, boolean acquired) {
        shardMoves.get(nodeId).get(acquired).increment();
    }
}
