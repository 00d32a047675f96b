package io.clstr.bootstrap;

import io.clstr.ports.in.operations.HealthQuery;
import java.util.function.BooleanSupplier;

/**
 * Readiness follows the node's lifecycle: not ready while it starts, ready once everything runs and the
 * cluster gave the node its shards, and not ready again from the moment it begins to stop, so load balancers
 * send no new work to a leaving node. A running node that loses its shards (it cannot reach the cluster's
 * membership store, say) reports not ready until it serves them again.
 */
final class NodeHealth implements HealthQuery {

    private enum Phase { STARTING, READY, STOPPING }

    private static final Health STARTING = Health.notReady("The node is starting.");
    private static final Health STOPPING = Health.notReady("The node is shutting down.");
    private static final Health NO_SHARDS = Health.notReady("The node does not serve its shards of the cluster.");

    private final BooleanSupplier servesItsShards;
    private volatile Phase phase = Phase.STARTING;

    NodeHealth(BooleanSupplier servesItsShards) {
        this.servesItsShards = servesItsShards;
    }

    @Override
    public Health readiness() {
        Phase current = phase;
        if (current == Phase.READY) {
            return servesItsShards.getAsBoolean() ? Health.healthy() : NO_SHARDS;
        }
        return current == Phase.STARTING ? STARTING : STOPPING;
    }

    /** Everything started. Does nothing once stopping began: a stopping node never becomes ready again. */
    synchronized void ready() {
        if (phase == Phase.STARTING) {
            phase = Phase.READY;
        }
    }

    synchronized void stopping() {
        phase = Phase.STOPPING;
    }
}
