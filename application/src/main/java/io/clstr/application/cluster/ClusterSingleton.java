package io.clstr.application.cluster;

import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs something on exactly one node of the cluster — the node that serves shard 0 — and moves it
 * when that shard moves: it starts it when this node gains the shard and stops it when the node loses
 * it. Used for the projections that keep read models: one runner per read model, wherever it is.
 *
 * <p>During a move both the old and the new node may run it for up to a check interval; what it runs
 * must tolerate that (projection runners do: their read models are idempotent and their checkpoints
 * only move forward).
 */
public final class ClusterSingleton implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterSingleton.class.getName());

    private final String name;
    private final ClusterNode node;
    private final Runnable start;
    private final Runnable stop;
    private final Scheduler scheduler;
    private final Executor executor;
    private final long periodNanos;
    private boolean running;
    private boolean closed;
    private Cancellable next;

    /**
     * @param executor runs the checks, and so {@code start} and {@code stop}, which may block
     */
    public ClusterSingleton(String name, ClusterNode node, Runnable start, Runnable stop, Scheduler scheduler,
            Executor executor, Duration checkEvery) {
        this.name = Objects.requireNonNull(name, "name");
        this.node = Objects.requireNonNull(node, "node");
        this.start = Objects.requireNonNull(start, "start");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.periodNanos = checkEvery.toNanos();
    }

    /** Starts checking (the first check runs at once). */
    public synchronized ClusterSingleton begin() {
        check();
        return this;
    }

    /** Whether it runs on this node now. */
    public synchronized boolean running() {
        return running;
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        boolean mine = node.serves(0);
        try {
            if (mine && !running) {
                LOG.log(Level.INFO, "{0} starts on {1}", name, node.settings().nodeId());
                start.run();
                running = true;
            } else if (!mine && running) {
                LOG.log(Level.INFO, "{0} leaves {1}", name, node.settings().nodeId());
                running = false;
                stop.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} could not be moved: {1}", name, e.toString());
        }
        next = scheduler.schedule(periodNanos, () -> executor.execute(this::check));
    }

    /** Stops checking and stops it here if it runs here. */
    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel();
        }
        if (running) {
            running = false;
            stop.run();
        }
    }
}
