package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;

/**
 * One subscription of a run. Its calls go to the {@link FeedSupervisor}, which ignores them once it is no longer
 * the run's current one ({@link RunState}). It may be closed before the event store has handed over the
 * subscription; that one is then closed as it arrives.
 */
final class Feed implements CommitListener, CommitApplier.Delivery {

    private final RunState runs;
    private final FeedSupervisor supervisor;
    /** Set under the run state's lock. */
    volatile boolean caughtUp;
    /** Whether a commit was handled from it (resets the reconnect backoff); touched under the applier's lock. */
    private boolean progressed;
    // Guarded by the run state's lock.
    private Subscription subscription;
    private boolean closed;

    Feed(RunState runs, FeedSupervisor supervisor) {
        this.runs = runs;
        this.supervisor = supervisor;
    }

    void attach(Subscription started) {
        boolean closeNow;
        synchronized (runs) {
            closeNow = closed;
            if (!closed) {
                subscription = started;
            }
        }
        if (closeNow) {
            started.close();
        }
    }

    /** Closes the subscription, now or as it arrives: nothing is delivered from it after {@link Subscription#close}. */
    void close() {
        Subscription current;
        synchronized (runs) {
            closed = true;
            current = subscription;
            subscription = null;
        }
        if (current != null) {
            current.close();
        }
    }

    /** The subscription, or null before it is attached or once closed; the caller holds the run state's lock. */
    Subscription subscription() {
        return subscription;
    }

    @Override
    public void onCommit(RecordedCommit commit) {
        supervisor.deliver(this, commit);
    }

    @Override
    public void onLive() {
        supervisor.wentLive(this);
    }

    @Override
    public void onError(Throwable error) {
        supervisor.feedFailed(this, error);
    }

    @Override
    public boolean live() {
        return caughtUp;
    }

    @Override
    public boolean current() {
        return runs.isCurrent(this);
    }

    @Override
    public boolean awaitRetry(long nanos) {
        return supervisor.sleep(this, nanos);
    }

    @Override
    public void progressed() {
        if (!progressed) {
            progressed = true;
            runs.subscriptionWorks();
        }
    }

    @Override
    public void attemptFailed(String error) {
        runs.attemptFailed(error);
    }
}
