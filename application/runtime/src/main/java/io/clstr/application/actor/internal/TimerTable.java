package io.clstr.application.actor.internal;

import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import io.clstr.application.actor.Timers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;

/**
 * One actor's timers. The table itself is confined to the actor (its handlers and hooks); each
 * {@link Timer} is also the task the scheduler runs and the envelope it puts in the mailbox, so a
 * periodic tick allocates nothing.
 */
final class TimerTable<M> implements Timers<M> {

    private final ActorCell<M> cell;
    private final Scheduler scheduler;
    private final HashMap<String, Timer> timers = new HashMap<>(4);

    TimerTable(ActorCell<M> cell, Scheduler scheduler) {
        this.cell = cell;
        this.scheduler = scheduler;
    }

    @Override
    public void startSingleTimer(String key, M message, Duration delay) {
        start(key, message, nonNegativeNanos(delay, "delay"), 0);
    }

    @Override
    public void startPeriodicTimer(String key, M message, Duration initialDelay, Duration interval) {
        long intervalNanos = nonNegativeNanos(interval, "interval");
        if (intervalNanos == 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        start(key, message, nonNegativeNanos(initialDelay, "initialDelay"), intervalNanos);
    }

    private void start(String key, M message, long delayNanos, long intervalNanos) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Timer timer = new Timer(cell, scheduler, key, message, intervalNanos);
        Timer replaced = timers.put(key, timer);
        if (replaced != null) {
            replaced.cancel();
        }
        timer.nextDeadline = scheduler.nanoTime() + delayNanos;
        timer.handle = scheduler.schedule(delayNanos, timer);
    }

    @Override
    public boolean isActive(String key) {
        return timers.containsKey(key);
    }

    @Override
    public void cancel(String key) {
        Timer timer = timers.remove(key);
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public void cancelAll() {
        for (Timer timer : timers.values()) {
            timer.cancel();
        }
        timers.clear();
    }

    /** A timer's envelope came out of the mailbox: its message if the timer is still current, else null. */
    Object onDelivery(Timer timer) {
        timer.pending = false;
        if (timers.get(timer.key) != timer) {
            return null;
        }
        if (timer.intervalNanos == 0) {
            timers.remove(timer.key);
        }
        return timer.message;
    }

    private static long nonNegativeNanos(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
        return duration.toNanos();
    }

    /** A started timer: the scheduled task and the mailbox envelope. */
    static final class Timer implements Runnable {

        private static final VarHandle PENDING;

        static {
            try {
                PENDING = MethodHandles.lookup().findVarHandle(Timer.class, "pending", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ActorCell<?> cell;
        private final Scheduler scheduler;
        final String key;
        final Object message;
        final long intervalNanos;
        volatile boolean cancelled;
        /** A tick is in the mailbox; later ticks are coalesced into it. */
        volatile boolean pending;
        volatile Cancellable handle;
        /** Written by the starter before scheduling, then only by the scheduler thread. */
        long nextDeadline;

        Timer(ActorCell<?> cell, Scheduler scheduler, String key, Object message, long intervalNanos) {
            this.cell = cell;
            this.scheduler = scheduler;
            this.key = key;
            this.message = message;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            if (PENDING.compareAndSet(this, false, true) && !cell.enqueueTimer(this)) {
                return; // the actor stopped; its stop cancels this timer
            }
            if (intervalNanos > 0) {
                long now = scheduler.nanoTime();
                long next = nextDeadline + intervalNanos;
                if (next <= now) {
                    next = now + intervalNanos; // skip ticks missed while the system stalled
                }
                nextDeadline = next;
                Cancellable rearmed = scheduler.schedule(next - now, this);
                handle = rearmed;
                if (cancelled) {
                    rearmed.cancel();
                }
            }
        }

        void cancel() {
            cancelled = true;
            Cancellable armed = handle;
            if (armed != null) {
                armed.cancel();
            }
        }
    }
}
