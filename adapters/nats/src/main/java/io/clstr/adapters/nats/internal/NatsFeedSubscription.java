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
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The global feed as a {@link Subscription}, filtered by aggregate type ({@link EventSubjects#passes}).
 *
 * <p>It catches up with an {@link OrderedFeed} of the whole stream: nats-server 2.9 counts a wildcard-filtered
 * consumer's pending messages subject by subject from its start, which takes about a second on a stream of a
 * million subjects, while an unfiltered one starts in milliseconds. Once caught up, a subscription to one aggregate
 * type moves to a feed that the server filters, started after the last message seen: counted from there it starts
 * in milliseconds too, and the commits of other types no longer travel to this client at all. A NATS 2.9 consumer
 * takes a single filter subject, so a subscription to several types stays on the whole stream.
 */
public final class NatsFeedSubscription implements Subscription, OrderedFeed.Handler {

    private final Connection connection;
    private final JetStream jetStream;
    private final String stream;
    private final Duration heartbeat;
    private final Executor callbacks;
    private final Function<Runnable, Runnable> whenClosed;
    private final FeedReader decoder;
    private final EventSubjects subjects;
    private final EventFilter filter;
    private final CommitListener listener;
    /** The subjects of the filter's one type, or {@code null} when the server cannot filter for it. */
    private final String serverFilter;
    private volatile OrderedFeed feed;
    private volatile long lastSeen;
    private boolean live;
    private boolean closed;

    private NatsFeedSubscription(Connection connection, JetStream jetStream, String stream, FeedReader decoder,
            EventSubjects subjects, EventFilter filter, CommitListener listener, Duration heartbeat,
            Executor callbacks, Function<Runnable, Runnable> whenClosed) {
        this.connection = connection;
        this.jetStream = jetStream;
        this.stream = stream;
        this.heartbeat = heartbeat;
        this.callbacks = callbacks;
        this.whenClosed = whenClosed;
        this.decoder = decoder;
        this.subjects = subjects;
        this.filter = filter;
        this.listener = listener;
        this.serverFilter = filter.aggregateTypes().size() == 1
                ? subjects.ofType(filter.aggregateTypes().iterator().next()) : null;
    }

    /** Delivers the matching commits after {@code afterPosition}, then new ones. */
    public static NatsFeedSubscription start(Connection connection, JetStream jetStream, String stream,
            FeedReader decoder, EventSubjects subjects, long afterPosition, EventFilter filter,
            CommitListener listener, Duration heartbeat, Executor callbacks,
            Function<Runnable, Runnable> whenClosed) {
        NatsFeedSubscription subscription = new NatsFeedSubscription(connection, jetStream, stream, decoder, subjects,
                filter, listener, heartbeat, callbacks, whenClosed);
        subscription.lastSeen = Math.max(0, afterPosition);
        OrderedFeed whole = subscription.newFeed();
        subscription.feed = whole;
        whole.start(new OrderedFeed.Start(null, subscription.lastSeen + 1, false));
        return subscription;
    }

    @Override
    public long pending() {
        return feed.pending();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        feed.close();
    }

    private OrderedFeed newFeed() {
        return new OrderedFeed(connection, jetStream, stream, heartbeat, callbacks, whenClosed,
                EventStoreException::new, this);
    }

    @Override
    public void message(Message message) {
        lastSeen = message.metaData().streamSequence();
        if (!subjects.passes(message.getSubject(), filter)) {
            return;
        }
        RecordedCommit commit;
        try {
            commit = decoder.decode(message);
        } catch (RuntimeException e) {
            throw e instanceof EventStoreException ? e
                    : new EventStoreException("undecodable commit at position " + lastSeen, e);
        }
        listener.onCommit(commit);
    }

    @Override
    public void caughtUp() {
        boolean first;
        synchronized (this) {
            first = !live;
            live = true;
        }
        if (!first) {
            return;
        }
        listener.onLive();
        if (serverFilter != null) {
            try {
                callbacks.execute(this::narrow);
            } catch (RejectedExecutionException closing) {
                // The client is closing; the whole-stream feed ends with it.
            }
        }
    }

    /** Moves from the whole stream to the server-filtered feed, starting after the last message seen. */
    private void narrow() {
        OrderedFeed whole;
        synchronized (this) {
            if (closed) {
                return;
            }
            whole = feed;
        }
        whole.close(); // once it returns, nothing more is delivered from the whole stream
        OrderedFeed narrow = newFeed();
        try {
            narrow.start(new OrderedFeed.Start(serverFilter, lastSeen + 1, false));
        } catch (EventStoreException e) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            listener.onError(e);
            return;
        }
        synchronized (this) {
            if (!closed) {
                feed = narrow;
                return;
            }
        }
        narrow.close();
    }

    @Override
    public void failed(Throwable error) {
        listener.onError(error);
    }
}
