package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;
import java.lang.System.Logger.Level;

/**
 * A subscription to the global feed of an {@link InMemoryEventStore}: reads the commit log by position on its
 * own thread, from the given position to the head stored at the start (then reports live), then follows new
 * commits as they are published. It keeps no copies: memory is one cursor per subscription.
 */
final class FeedSubscription extends DeliveryThread implements Subscription {

    private static final System.Logger LOG = System.getLogger(FeedSubscription.class.getName());

    private final CommitLog log;
    private final EventFilter filter;
    private final CommitListener listener;
    private final long liveAfter;
    /** The last position read (delivered or skipped by the filter). */
    private volatile long readUpTo;

    FeedSubscription(CommitLog log, Wakeups wakeups, long afterPosition, EventFilter filter, CommitListener listener) {
        super("feed", wakeups);
        this.log = log;
        this.filter = filter;
        this.listener = listener;
        this.readUpTo = afterPosition;
        this.liveAfter = log.head();
    }

    @Override
    void deliver() {
        long position = readUpTo;
        boolean live = false;
        while (!isClosed()) {
            if (!live && position >= liveAfter) {
                live = true;
                if (!call(listener::onLive)) {
                    return;
                }
            }
            if (position < log.head()) {
                RecordedCommit commit = log.get(++position);
                if (filter.matches(commit.stream()) && !call(() -> listener.onCommit(commit))) {
                    return;
                }
                readUpTo = position;
            } else {
                long caughtUp = position;
                if (!sleepUnless(() -> log.head() > caughtUp)) {
                    return;
                }
            }
        }
    }

    @Override
    void failed(Throwable failure) {
        try {
            listener.onError(failure);
        } catch (RuntimeException | Error secondFailure) {
            secondFailure.addSuppressed(failure);
            LOG.log(Level.WARNING, "the listener of " + threadName() + " failed while handling its own failure",
                    secondFailure);
        }
    }

    /** Commits stored but not yet read, counting those the filter will skip. */
    @Override
    public long pending() {
        return isClosed() ? 0 : Math.max(0, log.head() - readUpTo);
    }
}
