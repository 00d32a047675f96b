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
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** The global feed as a {@link Subscription}: an {@link OrderedFeed} of commits, filtered by aggregate type. */
public final class NatsFeedSubscription implements Subscription, OrderedFeed.Handler {

    private final FeedReader decoder;
    private final EventSubjects subjects;
    private final Set<String> clientSideTypes;
    private final CommitListener listener;
    private final OrderedFeed feed;

    private NatsFeedSubscription(Connection connection, JetStream jetStream, String stream, FeedReader decoder,
            EventSubjects subjects, EventFilter filter, CommitListener listener, Duration heartbeat,
            Executor callbacks, Function<Runnable, Runnable> whenClosed) {
        this.decoder = decoder;
        this.subjects = subjects;
        this.clientSideTypes = subjects.clientSideTypes(filter);
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
                new OrderedFeed.Start(subjects.serverFilter(filter), Math.max(0, afterPosition) + 1, false));
        return subscription;
    }

    @Override
    public void message(Message message) {
        if (clientSideTypes != null && !clientSideTypes.contains(subjects.typeOf(message.getSubject()))) {
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
