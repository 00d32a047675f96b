package io.clstr.application.actor;

import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs background work (snapshots, catch-up reads, clean-ups) with bounded concurrency and a bounded
 * waiting queue, so a burst can neither occupy every thread nor pile up without limit: past both
 * bounds a task is refused with {@link TaskRejectedException}.
 *
 * <p>Reports the running count ({@code registerSchedulerInflight}) and every task's outcome and
 * duration ({@code taskCompleted}). Not a hot path: a lock keeps the bookkeeping simple.
 */
public final class BackgroundTasks implements AutoCloseable {

    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Executor executor;
    private final int maxConcurrency;
    private final int maxQueued;
    private final ActorMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Task<?>> waiting = new ArrayDeque<>();
    private volatile int running;
    private boolean closed;

    /**
     * @param name           the bounded metrics label of this scheduler
     * @param executor       runs the tasks; blocking work needs threads of its own, not the actor pool
     * @param maxConcurrency tasks running at once
     * @param maxQueued      tasks waiting for a slot
     */
    public BackgroundTasks(String name, Executor executor, int maxConcurrency, int maxQueued, ActorMetrics metrics) {
        this.name = Objects.requireNonNull(name, "name");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be positive, got " + maxConcurrency);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
        }
        this.maxConcurrency = maxConcurrency;
        this.maxQueued = maxQueued;
        metrics.registerSchedulerInflight(name, () -> running);
    }

    /** Runs the task now if a slot is free, else queues it; refuses it when the queue is full or closed. */
    public <T> CompletionStage<T> submit(Callable<T> task) {
        Task<T> entry = new Task<>(Objects.requireNonNull(task, "task"));
        boolean startNow;
        lock.lock();
        try {
            if (closed) {
                entry.result.completeExceptionally(new TaskRejectedException("background tasks " + name + " are closed"));
                return entry.result;
            }
            if (running < maxConcurrency) {
                running++;
                startNow = true;
            } else if (waiting.size() < maxQueued) {
                waiting.add(entry);
                startNow = false;
            } else {
                entry.result.completeExceptionally(new TaskRejectedException("background tasks " + name
                        + " are full (" + maxConcurrency + " running, " + maxQueued + " waiting)"));
                return entry.result;
            }
        } finally {
            lock.unlock();
        }
        if (startNow) {
            launch(entry);
        }
        return entry.result;
    }

    /** Tasks running now. */
    public int running() {
        return running;
    }

    /** Tasks waiting for a slot. */
    public int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new tasks, cancels the waiting ones (their stages fail with a cancellation) and waits up
     * to {@code timeout} for the running ones. Returns whether they all finished.
     */
    public boolean close(Duration timeout) {
        List<Task<?>> cancelled;
        lock.lock();
        try {
            closed = true;
            cancelled = new ArrayList<>(waiting);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        for (Task<?> task : cancelled) {
            task.result.cancel(false);
        }
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    private void launch(Task<?> first) {
        Task<?> task = first;
        while (task != null) {
            Task<?> current = task;
            try {
                executor.execute(() -> runTask(current));
                return;
            } catch (RejectedExecutionException e) {
                current.result.completeExceptionally(e);
                task = finishAndTakeNext();
            }
        }
    }

    private void runTask(Task<?> task) {
        long start = System.nanoTime();
        boolean success = task.run();
        metrics.taskCompleted(success, System.nanoTime() - start);
        Task<?> next = finishAndTakeNext();
        if (next != null) {
            launch(next);
        }
    }

    /** A running task ended: hand its slot to the next waiting task, or free it. */
    private Task<?> finishAndTakeNext() {
        lock.lock();
        try {
            Task<?> next = closed ? null : waiting.poll();
            if (next == null) {
                running--;
                if (running == 0) {
                    idle.signalAll();
                }
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    private static final class Task<T> {
        final Callable<T> callable;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Callable<T> callable) {
            this.callable = callable;
        }

        boolean run() {
            if (result.isDone()) {
                return false; // cancelled by the caller before it started
            }
            try {
                result.complete(callable.call());
                return true;
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
                return false;
            }
        }
    }
}
