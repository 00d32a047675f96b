package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event store for tests whose global feed misbehaves on request: subscribing can fail, and running
 * subscriptions can be ended with an error, as a lost connection would. Everything else is delegated.
 */
final class FlakyFeedEventStore implements EventStore {

    private final EventStore delegate;
    private final AtomicInteger subscribeFailures = new AtomicInteger();
    private final AtomicInteger subscribes = new AtomicInteger();
    private final Queue<Broken> running = new ConcurrentLinkedQueue<>();

    FlakyFeedEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} subscribe calls throw. */
    void failNextSubscribes(int count) {
        subscribeFailures.set(count);
    }

    /** Subscribe calls so far, failed ones included. */
    int subscribes() {
        return subscribes.get();
    }

    /**
     * Ends every running subscription with an error, after its current delivery. Only those running now: the
     * resubscription a break triggers may start before the last one is broken, and must live.
     */
    void breakSubscriptions() {
        List<Broken> now = new ArrayList<>();
        Broken subscription;
        while ((subscription = running.poll()) != null) {
            now.add(subscription);
        }
        now.forEach(Broken::breakOff);
    }

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        return delegate.append(stream, expected, events, commitId);
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        return delegate.readStream(stream, fromVersion, toVersion);
    }

    @Override
    public CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter) {
        return delegate.readAll(afterPosition, maxCommits, filter);
    }

    @Override
    public Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener) {
        subscribes.incrementAndGet();
        if (subscribeFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new EventStoreException("injected: the event store is unreachable");
        }
        Broken subscription = new Broken(listener);
        subscription.attach(delegate.subscribe(afterPosition, filter, subscription));
        running.add(subscription);
        return subscription;
    }

    /** Forwards to the listener until broken off or closed. */
    private static final class Broken implements Subscription, CommitListener {
        private final CommitListener listener;
        private volatile Subscription inner;

        Broken(CommitListener listener) {
            this.listener = listener;
        }

        void attach(Subscription subscription) {
            inner = subscription;
        }

        void breakOff() {
            inner.close(); // waits for a delivery in progress; nothing is delivered after it
            listener.onError(new EventStoreException("injected: the connection was lost"));
        }

        @Override
        public void onCommit(RecordedCommit commit) {
            listener.onCommit(commit);
        }

        @Override
        public void onLive() {
            listener.onLive();
        }

        @Override
        public void onError(Throwable error) {
            listener.onError(error);
        }

        @Override
        public long pending() {
            return inner.pending();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
