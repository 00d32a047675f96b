package io.clstr.application.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The serial queue of one key of a {@code KeyedExecutor}: bounded, FIFO, run on the shared executor
 * like a mailbox. When it drains it retires itself and leaves the map, so an idle key costs nothing.
 *
 * <p>One {@code int} holds the queued count (low 30 bits), {@link #SCHEDULED} and {@link #RETIRED}.
 * Retiring is a CAS from exactly 0 (nothing queued or reserved, no run pending), so a task can never
 * be accepted by a retired queue: its sender sees {@code RETIRED} and starts a fresh queue.
 */
public final class KeyQueue extends RecurringTask {

    /** {@link #offer} results. */
    public static final int ACCEPTED = 0;
    public static final int FULL = 1;
    public static final int RETIRED_RETRY = 2;

    private static final System.Logger LOG = System.getLogger(KeyQueue.class.getName());
    private static final int COUNT = (1 << 30) - 1;
    private static final int SCHEDULED = 1 << 30;
    private static final int RETIRED = 1 << 31;
    private static final int THROUGHPUT = 64;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(KeyQueue.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object key;
    private final Map<Object, KeyQueue> owner;
    private final Executor executor;
    private final MpscQueue<Runnable> tasks = new MpscQueue<>();
    private volatile int state;

    public KeyQueue(Object key, Map<Object, KeyQueue> owner, Executor executor) {
        this.key = key;
        this.owner = owner;
        this.executor = executor;
    }

    /** Queues a task unless the queue is full or retired; safe from any thread. */
    public int offer(Runnable task, int capacity) {
        for (;;) {
            int s = state;
            if ((s & RETIRED) != 0) {
                return RETIRED_RETRY;
            }
            if ((s & COUNT) >= capacity) {
                return FULL;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                break;
            }
        }
        tasks.offer(task);
        trySchedule();
        return ACCEPTED;
    }

    private void trySchedule() {
        for (;;) {
            int s = state;
            if ((s & SCHEDULED) != 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s | SCHEDULED)) {
                submitTo(executor);
                return;
            }
        }
    }

    @Override
    public void run() {
        for (int budget = THROUGHPUT; budget > 0; budget--) {
            Runnable task = tasks.poll();
            if (task == null) {
                release();
                return;
            }
            int unused = (int) STATE.getAndAdd(this, -1); // typed exactly, so the VarHandle call inlines
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "keyed task failed", t);
            }
        }
        if (tasks.isEmpty()) {
            release();
        } else {
            submitTo(executor); // yield the thread, keep SCHEDULED
        }
    }

    private void release() {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s & ~SCHEDULED)) {
                break;
            }
        }
        if (!tasks.isEmpty()) {
            trySchedule();
        } else if (STATE.compareAndSet(this, 0, RETIRED)) {
            owner.remove(key, this);
        }
    }
}
