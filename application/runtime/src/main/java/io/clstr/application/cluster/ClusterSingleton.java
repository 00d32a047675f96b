package io.clstr.application.cluster;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs something on exactly one node of the cluster — the node that serves shard 0 — and moves it when that
 * shard moves. Used for the projections that keep read models: one runner per read model, wherever it is.
 *
 * <p>It never runs on two nodes at once: the node starts it only after it took shard 0's lease and subscribed,
 * and when it hands the shard off it gives the lease back only after {@code stop} has returned. Starts and
 * stops run one after the other, in order, on the given executor, never on the cluster's control thread. A
 * start that fails (its store is unavailable for a moment, say) is tried again, with growing pauses, for as
 * long as this node serves the shard.
 */
public final class ClusterSingleton implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterSingleton.class.getName());
    private static final int SHARD = 0;
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final String name;
    private final ClusterNode node;
    private final Runnable start;
    private final Runnable stop;
    private final Executor executor;
    /** The last queued start or stop; the next one runs after it. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private boolean running;
    /** Whether this node serves shard 0, so it should run here. */
    private boolean wanted;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean closed;

    /**
     * @param executor runs {@code start} and {@code stop}, which may block
     */
    public ClusterSingleton(String name, ClusterNode node, Runnable start, Runnable stop, Executor executor) {
        this.name = Objects.requireNonNull(name, "name");
        this.node = Objects.requireNonNull(node, "node");
        this.start = Objects.requireNonNull(start, "start");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Follows shard 0 from now on; call before the node starts. */
    public ClusterSingleton begin() {
        node.onShard(SHARD, new ClusterNode.ShardListener() {
            @Override
            public void gained() {
                synchronized (ClusterSingleton.this) {
                    wanted = true;
                    retryMillis = FIRST_RETRY_MILLIS;
                    then(ClusterSingleton.this::startHere);
                }
            }

            @Override
            public CompletionStage<Void> lost() {
                synchronized (ClusterSingleton.this) {
                    wanted = false;
                    return then(ClusterSingleton.this::stopHere);
                }
            }
        });
        return this;
    }

    public String name() {
        return name;
    }

    /** Whether it runs on this node now. */
    public synchronized boolean running() {
        return running;
    }

    /** Stops it here if it runs here, and stops following shard 0. */
    @Override
    public void close() {
        CompletableFuture<Void> stopped;
        synchronized (this) {
            wanted = false;
            stopped = then(this::stopHere);
            closed = true;
        }
        stopped.join();
    }

    private synchronized CompletableFuture<Void> then(Runnable step) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        tail = tail.thenRunAsync(step, executor).exceptionally(error -> {
            LOG.log(Level.WARNING, "{0} could not be moved: {1}", name, error.toString());
            return null;
        });
        return tail;
    }

    private void startHere() {
        synchronized (this) {
            if (running || !wanted) {
                return;
            }
        }
        LOG.log(Level.INFO, "{0} starts on {1}", name, node.settings().nodeId());
        try {
            start.run();
        } catch (RuntimeException e) {
            retryLater(e);
            return;
        }
        synchronized (this) {
            running = true;
        }
    }

    private synchronized void retryLater(RuntimeException failure) {
        LOG.log(Level.WARNING, "{0} could not start on {1}; it tries again in {2} ms: {3}", name,
                node.settings().nodeId(), retryMillis, failure.toString());
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor).execute(() -> {
            synchronized (this) {
                if (wanted) {
                    then(this::startHere);
                }
            }
        });
    }

    private void stopHere() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        LOG.log(Level.INFO, "{0} leaves {1}", name, node.settings().nodeId());
        stop.run();
    }
}
