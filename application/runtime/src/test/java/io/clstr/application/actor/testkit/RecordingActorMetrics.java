package io.clstr.application.actor.testkit;

import io.clstr.ports.out.metrics.ActorMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** {@link ActorMetrics} that remembers what it was told, for assertions. Thread-safe. */
public final class RecordingActorMetrics implements ActorMetrics {

    private final Map<String, AtomicLong> handled = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> panics = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejections = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> depths = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> inflight = new ConcurrentHashMap<>();
    private final AtomicLong tasksSucceeded = new AtomicLong();
    private final AtomicLong tasksFailed = new AtomicLong();

    @Override
    public void messageHandled(String messageType, boolean success, long nanos) {
        (success ? handled : failed).computeIfAbsent(messageType, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void handlerFailed(String messageType) {
        panics.computeIfAbsent(messageType, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void mailboxRejected(String group) {
        rejections.computeIfAbsent(group, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void registerMailboxDepth(String group, LongSupplier depth) {
        if (depths.putIfAbsent(group, depth) != null) {
            throw new IllegalStateException("mailbox depth of group " + group + " registered twice");
        }
    }

    @Override
    public void registerSchedulerInflight(String scheduler, LongSupplier running) {
        if (inflight.putIfAbsent(scheduler, running) != null) {
            throw new IllegalStateException("inflight of " + scheduler + " registered twice");
        }
    }

    @Override
    public void taskCompleted(boolean success, long nanos) {
        (success ? tasksSucceeded : tasksFailed).incrementAndGet();
    }

    /** Messages of this type handled successfully. */
    public long handled(String messageType) {
        return count(handled, messageType);
    }

    /** Messages of this type that failed (thrown or unhandled). */
    public long failed(String messageType) {
        return count(failed, messageType);
    }

    /** Handler exceptions for this type. */
    public long handlerFailures(String messageType) {
        return count(panics, messageType);
    }

    public long mailboxRejections(String group) {
        return count(rejections, group);
    }

    /** The registered depth gauge of a group, read now; -1 if the group never registered. */
    public long mailboxDepth(String group) {
        LongSupplier depth = depths.get(group);
        return depth == null ? -1 : depth.getAsLong();
    }

    /** The registered inflight gauge of a scheduler, read now; -1 if never registered. */
    public long inflight(String scheduler) {
        LongSupplier running = inflight.get(scheduler);
        return running == null ? -1 : running.getAsLong();
    }

    public long tasksSucceeded() {
        return tasksSucceeded.get();
    }

    public long tasksFailed() {
        return tasksFailed.get();
    }

    private static long count(Map<String, AtomicLong> counters, String key) {
        AtomicLong counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }
}
