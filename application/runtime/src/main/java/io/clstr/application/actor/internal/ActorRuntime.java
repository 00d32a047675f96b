package io.clstr.application.actor.internal;

import io.clstr.application.actor.ActorOptions;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Scheduler;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the actors of one system share: the executor, the scheduler, the metrics and the registry of
 * live actors by name. An actor leaves the registry when it terminates, so a stopped actor is
 * garbage as soon as its callers drop their references.
 */
public final class ActorRuntime {

    private final ActorSystem system;
    private final Executor executor;
    private final Scheduler scheduler;
    private final ActorMetrics metrics;
    private final boolean timed;
    private final ConcurrentHashMap<String, ActorCell<?>> registry = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> groups = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public ActorRuntime(ActorSystem system, Executor executor, Scheduler scheduler, ActorMetrics metrics) {
        this.system = Objects.requireNonNull(system, "system");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.timed = metrics != ActorMetrics.NOOP;
    }

    /** Creates, registers and starts an actor. */
    public <M> ActorCell<M> spawn(String name, ActorDefinition definition, ActorOptions options) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("actor name must not be empty");
        }
        if (closing) {
            throw new IllegalStateException("actor system " + system.name() + " is closed");
        }
        String group = options.group();
        if (!groups.containsKey(group) && groups.putIfAbsent(group, Boolean.TRUE) == null) {
            metrics.registerMailboxDepth(group, () -> depth(group)); // before the actor exists, in case it throws
        }
        ActorCell<M> cell = new ActorCell<>(name, this, definition, options);
        if (registry.putIfAbsent(name, cell) != null) {
            throw new IllegalStateException("actor name already in use: " + name);
        }
        cell.start();
        return cell;
    }

    /** Queued messages over a group; a scan, so the hot path pays nothing for the gauge. */
    long depth(String group) {
        long depth = 0;
        for (ActorCell<?> cell : registry.values()) {
            if (cell.group().equals(group)) {
                depth += cell.queued();
            }
        }
        return depth;
    }

    void unregister(ActorCell<?> cell) {
        registry.remove(cell.name(), cell);
    }

    public ActorCell<?> find(String name) {
        return registry.get(name);
    }

    public int size() {
        return registry.size();
    }

    /** Refuses new actors, stops every actor and waits for them to terminate. */
    public boolean stopAll(Duration timeout) {
        closing = true;
        List<CompletableFuture<Void>> terminations = new ArrayList<>(registry.size());
        for (ActorCell<?> cell : registry.values()) {
            cell.stop();
            terminations.add(cell.terminated().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(terminations.toArray(new CompletableFuture<?>[0]))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("termination cannot fail", e);
        }
    }

    public ActorSystem system() {
        return system;
    }

    public Executor executor() {
        return executor;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    ActorMetrics metrics() {
        return metrics;
    }

    /** Whether handler durations are measured (not with the no-op metrics). */
    boolean timed() {
        return timed;
    }
}
