package io.clstr.application.actor.testkit;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An executor for deterministic actor tests: tasks run on the thread that submits them, so a
 * {@code tell} or {@code ask} is fully handled before it returns.
 *
 * <p>Submissions made while a task is running (an actor telling another) are queued and run by the
 * outer call when the current task returns, so handlers never nest. In {@linkplain #manual() manual}
 * mode nothing runs until {@link #drain()}, which lets a test fill mailboxes or interleave steps.
 */
public final class CallingThreadExecutor implements Executor {

    private final boolean runOnSubmit;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private Thread drainer;

    private CallingThreadExecutor(boolean runOnSubmit) {
        this.runOnSubmit = runOnSubmit;
    }

    /** Runs each task at once on the submitting thread. */
    public static CallingThreadExecutor create() {
        return new CallingThreadExecutor(true);
    }

    /** Queues tasks until {@link #drain()}. */
    public static CallingThreadExecutor manual() {
        return new CallingThreadExecutor(false);
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (!runOnSubmit || drainer != null) {
                return;
            }
            drainer = Thread.currentThread();
        }
        runQueued();
    }

    /**
     * Runs queued tasks, and the tasks they submit, until none is left; returns how many ran. Inside a
     * running task it does nothing (the outer call continues the queue).
     */
    public int drain() {
        synchronized (this) {
            if (drainer != null) {
                return 0;
            }
            drainer = Thread.currentThread();
        }
        return runQueued();
    }

    /** Tasks waiting to run. */
    public synchronized int pending() {
        return queue.size();
    }

    private int runQueued() {
        int ran = 0;
        try {
            for (;;) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        return ran;
                    }
                }
                next.run();
                ran++;
            }
        } finally {
            synchronized (this) {
                drainer = null;
            }
        }
    }
}
