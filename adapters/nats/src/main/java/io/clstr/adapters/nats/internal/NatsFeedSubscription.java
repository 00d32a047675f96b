package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;
import io.nats.client.Message;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(NatsFeedSubscription.class);

    private final Function<OrderedFeed.Handler, OrderedFeed> feeds;
    private final Executor callbacks;
    private final FeedReader decoder;
    private final EventSubjects subjects;
    private final EventFilter filter;
    private final CommitListener listener;
    /** The subjects of the filter's one type, or {@code null} when the server cannot filter for it. */
    private final String serverFilter;
    private volatile OrderedFeed feed;
    /** Written while delivering, under this object's lock, which is held for each message handed on. */
    private volatile long lastSeen;
    private volatile boolean closed;
    private boolean live;

    private NatsFeedSubscription(Function<OrderedFeed.Handler, OrderedFeed> feeds, Executor callbacks,
            FeedReader decoder, EventSubjects subjects, EventFilter filter, CommitListener listener) {
        this.feeds = feeds;
        this.callbacks = callbacks;
        this.decoder = decoder;
        this.subjects = subjects;
        this.filter = filter;
        this.listener = listener;
        this.serverFilter = filter.aggregateTypes().size() == 1
                ? subjects.ofType(filter.aggregateTypes().iterator().next()) : null;
    }

    /**
     * Delivers the matching commits after {@code afterPosition}, then new ones.
     *
     * @param feeds makes a feed of the event stream for a handler
     * @param callbacks where the subscription moves to the filtered feed
     */
    public static NatsFeedSubscription start(Function<OrderedFeed.Handler, OrderedFeed> feeds, Executor callbacks,
            FeedReader decoder, EventSubjects subjects, long afterPosition, EventFilter filter,
            CommitListener listener) {
        NatsFeedSubscription subscription =
                new NatsFeedSubscription(feeds, callbacks, decoder, subjects, filter, listener);
        subscription.lastSeen = Math.max(0, afterPosition);
        OrderedFeed whole = feeds.apply(subscription);
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

    /**
     * One message of either feed. While both run, each delivers the wanted commits in stream order, so a message at
     * or below the last one seen has been handed on already.
     */
    @Override
    public void message(Message message) {
        long sequence = message.metaData().streamSequence();
        synchronized (this) {
            if (closed || sequence <= lastSeen) {
                return;
            }
            lastSeen = sequence;
            if (!subjects.passes(message.getSubject(), filter)) {
                return;
            }
            RecordedCommit commit;
            try {
                commit = decoder.decode(message);
            } catch (RuntimeException e) {
                throw e instanceof EventStoreException ? e
                        : new EventStoreException("undecodable commit at position " + sequence, e);
            }
            listener.onCommit(commit);
        }
    }

    @Override
    public void caughtUp() {
        synchronized (this) {
            if (live) {
                return;
            }
            live = true;
        }
        listener.onLive();
        if (serverFilter != null) {
            try {
                callbacks.execute(this::narrow);
            } catch (RejectedExecutionException closing) {
                LOG.debug("the client is closing; the feed stays on the whole stream until it ends", closing);
            }
        }
    }

    /**
     * Starts the server-filtered feed after the last message seen, then closes the whole-stream one. If the filtered
     * feed cannot start, the subscription stays on the whole stream, which delivers the same commits.
     */
    private void narrow() {
        // Runs on the callback pool, so it never waits for this object's lock, which a slow listener may hold.
        if (closed) {
            return;
        }
        OrderedFeed narrow = feeds.apply(this);
        try {
            narrow.start(new OrderedFeed.Start(serverFilter, lastSeen + 1, false));
        } catch (EventStoreException e) {
            LOG.warn("a subscription to {} stays on the whole event stream: {}", serverFilter, e.getMessage());
            return;
        }
        OrderedFeed whole = feed;
        feed = narrow;
        whole.close();
        if (closed) {
            // Closed meanwhile: close() may have closed the whole-stream feed only.
            narrow.close();
        }
    }

    @Override
    public void failed(Throwable error) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        feed.close();
        listener.onError(error);
    }
}
