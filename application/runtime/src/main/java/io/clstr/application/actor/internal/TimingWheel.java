package io.clstr.application.actor.internal;

import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The default {@link Scheduler}: a hashed timing wheel driven by one daemon thread, built for a
 * timeout on every ask.
 *
 * <p>Scheduling is one allocation and one atomic exchange into an intrusive MPSC inbox; cancelling is
 * one atomic exchange that drops the task reference (so a cancelled timeout holds no future and no
 * reply). The wheel thread moves the inbox into buckets once per tick and skips entries already
 * cancelled, so asks answered within a tick never reach a bucket. Tasks fire up to one tick late.
 */
public final class TimingWheel implements Scheduler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TimingWheel.class.getName());
    private static final VarHandle INBOX_TAIL;
    private static final VarHandle TASK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INBOX_TAIL = lookup.findVarHandle(TimingWheel.class, "inboxTail", Entry.class);
            TASK = lookup.findVarHandle(Entry.class, "task", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A scheduled task: inbox node, bucket node and cancellation handle in one object. */
    static final class Entry implements Cancellable {
        final long deadline;
        volatile Runnable task;
        volatile Entry inboxNext;
        Entry bucketNext;
        long rounds;

        Entry(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            return (Runnable) TASK.getAndSet(this, (Runnable) null) != null;
        }

        Runnable take() {
            return (Runnable) TASK.getAndSet(this, (Runnable) null);
        }
    }

    private final long origin = System.nanoTime();
    private final long tickNanos;
    private final Entry[] buckets;
    private final int mask;
    private final Thread worker;
    private Entry inboxHead;
    @SuppressWarnings("unused") // accessed through INBOX_TAIL
    private volatile Entry inboxTail;
    private volatile boolean closed;

    /**
     * @param tick       the resolution; tasks fire up to one tick late
     * @param wheelSize  buckets per revolution, rounded up to a power of two
     * @param threadName the wheel thread's name
     */
    public TimingWheel(Duration tick, int wheelSize, String threadName) {
        this.tickNanos = tick.toNanos();
        if (tickNanos < 100_000) {
            throw new IllegalArgumentException("tick must be at least 0.1 ms, got " + tick);
        }
        if (wheelSize < 1 || wheelSize > (1 << 20)) {
            throw new IllegalArgumentException("wheelSize must be in 1..2^20, got " + wheelSize);
        }
        int size = Integer.highestOneBit(wheelSize - 1 == 0 ? 1 : (wheelSize - 1) << 1);
        this.buckets = new Entry[size];
        this.mask = size - 1;
        Entry stub = new Entry(0, null);
        this.inboxHead = stub;
        this.inboxTail = stub;
        this.worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        Entry entry = new Entry(System.nanoTime() - origin + Math.max(0, delayNanos), task);
        Entry previous = (Entry) INBOX_TAIL.getAndSet(this, entry);
        previous.inboxNext = entry;
        return entry;
    }

    /** Stops the wheel thread; tasks not yet due never run. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        if (Thread.currentThread() != worker) {
            try {
                worker.join(Math.max(1, 10 * tickNanos / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        long tick = 0;
        while (!closed) {
            long now = awaitTick(tick);
            if (closed) {
                return;
            }
            transferInbox(tick, now);
            expire(tick & mask, now);
            tick++;
        }
    }

    /** Sleeps until the end of {@code tick}; returns the time since origin. */
    private long awaitTick(long tick) {
        long end = (tick + 1) * tickNanos;
        for (;;) {
            long now = System.nanoTime() - origin;
            if (now >= end || closed) {
                return now;
            }
            LockSupport.parkNanos(this, end - now);
        }
    }

    private void transferInbox(long tick, long now) {
        Entry entry;
        while ((entry = inboxHead.inboxNext) != null) {
            // Producers link only to the tail, so the consumed head is written no more: unlink it, or an entry
            // waiting in a bucket (or held by its caller) would keep every later entry reachable.
            inboxHead.inboxNext = null;
            inboxHead = entry;
            if (entry.task == null) {
                continue; // answered or cancelled before it reached the wheel
            }
            if (entry.deadline <= now) {
                fire(entry);
                continue;
            }
            long due = entry.deadline / tickNanos;
            entry.rounds = (due - tick) / buckets.length;
            int index = (int) (Math.max(due, tick) & mask);
            entry.bucketNext = buckets[index];
            buckets[index] = entry;
        }
    }

    private void expire(long index, long now) {
        int slot = (int) index;
        Entry previous = null;
        Entry entry = buckets[slot];
        while (entry != null) {
            Entry next = entry.bucketNext;
            boolean remove;
            if (entry.task == null) {
                remove = true;
            } else if (entry.rounds <= 0 && entry.deadline <= now) {
                remove = true;
                fire(entry);
            } else {
                if (entry.rounds > 0) {
                    entry.rounds--;
                }
                remove = false;
            }
            if (remove) {
                entry.bucketNext = null;
                if (previous == null) {
                    buckets[slot] = next;
                } else {
                    previous.bucketNext = next;
                }
            } else {
                previous = entry;
            }
            entry = next;
        }
    }

    private static void fire(Entry entry) {
        Runnable task = entry.take();
        if (task == null) {
            return;
        }
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "scheduled task failed", t);
        }
    }
}
