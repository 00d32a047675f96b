package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The global feed as a {@link Subscription}: an {@link OrderedFeed} of the whole event stream, filtered by aggregate
 * type on this side ({@link EventSubjects#passes}).
 */
public final class NatsFeedSubscription implements Subscription, OrderedFeed.Handler {

    private final FeedReader decoder;
    private final EventSubjects subjects;
    private final EventFilter filter;
    private final CommitListener listener;
    private final OrderedFeed feed;

    private NatsFeedSubscription(Connection connection, JetStream jetStream, String stream, FeedReader decoder,
            EventSubjects subjects, EventFilter filter, CommitListener listener, Duration heartbeat,
            Executor callbacks, Function<Runnable, Runnable> whenClosed) {
        this.decoder = decoder;
        this.subjects = subjects;
        this.filter = filter;
        this.listener = listener;
        this.feed = new OrderedFeed(connection, jetStream, stream, heartbeat, callbacks, whenClosed,
                EventStoreException::new, this);
    }

    /** Delivers the matching commits after {@code afterPosition}, then new ones. */
    public static NatsFeedSubscription start(Connection connection, JetStream jetStream, String stream,
            FeedReader decoder, EventSubjects subjects, long afterPosition, EventFilter filter,
            CommitListener listener, Duration heartbeat, Executor callbacks,
            Function<Runnable, Runnable> whenClosed) {
        NatsFeedSubscription subscription = new NatsFeedSubscription(connection, jetStream, stream, decoder, subjects, filter,
                listener, heartbeat, callbacks, whenClosed);
        subscription.feed.start(
                new OrderedFeed.Start(null, Math.max(0, afterPosition) + 1, false));
        return subscription;
    }

    @Override
    public void message(Message message) {
        if (!subjects.passes(message.getSubject(), filter)) {
            return;
        }
        RecordedCommit commit;
        try {
            commit = decoder.decode(message);
        } catch (RuntimeException e) {
            throw e instanceof EventStoreException ? e
                    : new EventStoreException("undecodable commit at position " + message.metaData().streamSequence(),
                            e);
        }
        listener.onCommit(commit);
    }

    @Override
    public void caughtUp() {
        listener.onLive();
    }

    @Override
    public void failed(Throwable error) {
        listener.onError(error);
    }

    @Override
    public long pending() {
        return feed.pending();
    }

    @Override
    public void close() {
        feed.close();
    }
}
