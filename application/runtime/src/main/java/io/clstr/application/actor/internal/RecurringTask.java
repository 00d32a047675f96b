package io.clstr.application.actor.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A task that is submitted again and again, such as one run of a mailbox.
 *
 * <p>On a {@link ForkJoinPool} it is submitted as itself: a {@code ForkJoinTask} that never
 * completes, so scheduling it allocates nothing (the pool would otherwise wrap every
 * {@code Runnable}). Any other executor receives it as a plain {@code Runnable}.
 */
abstract class RecurringTask extends ForkJoinTask<Void> implements Runnable {

    private static final System.Logger LOG = System.getLogger(RecurringTask.class.getName());

    @Override
    public final Void getRawResult() {
        return null;
    }

    @Override
    protected final void setRawResult(Void value) {
        // never completes, so there is no result
    }

    @Override
    protected final boolean exec() {
        try {
            run();
        } catch (Throwable t) {
            // A ForkJoinTask that throws is completed exceptionally and never runs again: contain it.
            LOG.log(System.Logger.Level.ERROR, "recurring task failed", t);
        }
        return false;
    }

    /** Submits this task; {@code RejectedExecutionException} propagates to the caller. */
    protected final void submitTo(Executor executor) {
        if (executor instanceof ForkJoinPool) {
            ((ForkJoinPool) executor).execute((ForkJoinTask<?>) this);
        } else {
            executor.execute(this);
        }
    }
}
