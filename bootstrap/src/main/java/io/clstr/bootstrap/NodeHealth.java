package io.clstr.bootstrap;

import io.clstr.ports.in.operations.HealthQuery;

/**
 * Readiness follows the node's lifecycle: not ready while it starts, ready once everything runs, and not
 * ready again from the moment it begins to stop, so load balancers send no new work to a leaving node.
 */
final class NodeHealth implements HealthQuery {

    private enum Phase { STARTING, READY, STOPPING }

    private static final Health STARTING = Health.notReady("The node is starting.");
    private static final Health STOPPING = Health.notReady("The node is shutting down.");

    private volatile Phase phase = Phase.STARTING;

    @Override
    public Health readiness() {
        Phase current = phase;
        if (current == Phase.READY) {
            return Health.healthy();
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
