package io.clstr.application.actor.testkit;

import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scheduler whose clock moves only when a test calls {@link #advance(Duration)}: timers, ask
 * timeouts and restart backoff then fire on the calling thread, in deadline order, each seeing the
 * clock at its own deadline.
 */
public final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(long delayNanos, Runnable runnable) {
        Task task = new Task(now + Math.max(0, delayNanos), sequence++, runnable);
        tasks.add(task);
        return task;
    }

    /** Moves the clock forward, running every task that falls due on the way; returns how many ran. */
    public int advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        int ran = 0;
        for (;;) {
            Runnable due;
            synchronized (this) {
                Task head = tasks.peek();
                if (head == null || head.deadline > target) {
                    now = target;
                    return ran;
                }
                tasks.poll();
                now = head.deadline;
                due = head.runnable.getAndSet(null);
            }
            if (due != null) {
                due.run();
                ran++;
            }
        }
    }

    /** Runs what is due now without moving the clock. */
    public int runDue() {
        return advance(Duration.ZERO);
    }

    /** Tasks scheduled and not yet run or cancelled. */
    public synchronized int pending() {
        int pending = 0;
        for (Task task : tasks) {
            if (task.runnable.get() != null) {
                pending++;
            }
        }
        return pending;
    }

    /** How long until the next live task is due, or null if none is scheduled. */
    public synchronized Duration untilNext() {
        long earliest = Long.MAX_VALUE;
        for (Task task : tasks) {
            if (task.runnable.get() != null) {
                earliest = Math.min(earliest, task.deadline);
            }
        }
        return earliest == Long.MAX_VALUE ? null : Duration.ofNanos(earliest - now);
    }

    private static final class Task implements Cancellable, Comparable<Task> {
        final long deadline;
        final long sequence;
        final AtomicReference<Runnable> runnable;

        Task(long deadline, long sequence, Runnable runnable) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.runnable = new AtomicReference<>(runnable);
        }

        @Override
        public boolean cancel() {
            return runnable.getAndSet(null) != null;
        }

        @Override
        public int compareTo(Task other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
