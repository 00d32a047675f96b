package io.clstr.application.actor;

import io.clstr.application.actor.internal.KeyQueue;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time per key, in submission order, and in parallel across keys, on a shared
 * executor. Each key's queue is bounded; a key with nothing queued holds no memory, so any number of
 * distinct keys can pass through.
 */
public final class KeyedExecutor {

    private final Executor executor;
    private final int maxQueuedPerKey;
    private final ConcurrentHashMap<Object, KeyQueue> queues = new ConcurrentHashMap<>();

    /**
     * @param executor        runs the tasks (blocking tasks need an executor sized for them)
     * @param maxQueuedPerKey tasks a key may have waiting (besides the one running) before submissions are refused
     */
    public KeyedExecutor(Executor executor, int maxQueuedPerKey) {
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxQueuedPerKey < 1) {
            throw new IllegalArgumentException("maxQueuedPerKey must be positive, got " + maxQueuedPerKey);
        }
        this.maxQueuedPerKey = maxQueuedPerKey;
    }

    /**
     * Queues a task behind the earlier tasks of its key. A task that throws is logged and the key
     * goes on with its next task.
     *
     * @throws TaskRejectedException if the key already has {@code maxQueuedPerKey} tasks waiting
     */
    public void execute(Object key, Runnable task) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(task, "task");
        for (;;) {
            KeyQueue queue = queues.get(key);
            if (queue == null) {
                KeyQueue fresh = new KeyQueue(key, queues, executor);
                queue = queues.putIfAbsent(key, fresh);
                if (queue == null) {
                    queue = fresh;
                }
            }
            int outcome = queue.offer(task, maxQueuedPerKey);
            if (outcome == KeyQueue.ACCEPTED) {
                return;
            }
            if (outcome == KeyQueue.FULL) {
                throw new TaskRejectedException("queue of the key is full (" + maxQueuedPerKey + " tasks)");
            }
            queues.remove(key, queue); // it drained and retired between our read and our offer
        }
    }

    /** Like {@link #execute}, with the task's outcome; a refused task fails the stage. */
    public <T> CompletionStage<T> submit(Object key, Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            execute(key, () -> {
                try {
                    result.complete(task.call());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (TaskRejectedException rejected) {
            result.completeExceptionally(rejected);
        }
        return result;
    }

    /** Keys with queued or running tasks. */
    public int activeKeys() {
        return queues.size();
    }
}
