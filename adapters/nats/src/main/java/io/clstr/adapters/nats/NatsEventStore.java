package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.CommitAppender;
import io.clstr.adapters.nats.internal.CommitCodec;
import io.clstr.adapters.nats.internal.CommitFetcher;
import io.clstr.adapters.nats.internal.ConsumerReads;
import io.clstr.adapters.nats.internal.EventStreamSetup;
import io.clstr.adapters.nats.internal.EventSubjects;
import io.clstr.adapters.nats.internal.FeedReader;
import io.clstr.adapters.nats.internal.NatsFeedSubscription;
import io.clstr.adapters.nats.internal.OrderedFeed;
import io.clstr.adapters.nats.internal.Failures;
import io.clstr.adapters.nats.internal.StreamHeads;
import io.clstr.adapters.nats.internal.StreamReader;
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
import io.nats.client.Dispatcher;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store on one JetStream stream (NATS 2.9 or later).
 *
 * <p>Each aggregate has its own subject, {@code <prefix>.events.<type>.<encoded id>}, and each append is one
 * message holding all of its events, so appends are atomic without 2.12 batches. Every append names the
 * sequence of the aggregate's last commit ({@code Nats-Expected-Last-Subject-Sequence}; 0 for a new one),
 * so the server rejects a conflicting writer, and carries the commit id as {@code Nats-Msg-Id}, so a retried
 * append is stored once. A commit's position is its stream sequence and its recorded time the server's
 * timestamp. See {@link io.clstr.adapters.nats.internal.CommitHeaders} and
 * {@link io.clstr.adapters.nats.internal.CommitCodec} for the message layout.
 *
 * <p>Returned futures complete on the {@link NatsClient}'s callback executor.
 */
public final class NatsEventStore implements EventStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsEventStore.class);
    /** JetStream announces each new stream leader on this subject, followed by the stream name. */
    private static final String LEADER_ELECTED_ADVISORY = "$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.";

    /**
     * Room left in a message besides the events: the headers (and, generously, the subject), the body's format
     * byte, its links and its event count.
     */
    private static final int MESSAGE_ALLOWANCE = 2048 + 1 + CommitCodec.MAX_LINK_BYTES + 5;

    private final NatsClient client;
    private final NatsNames names;
    private final EventSubjects subjects;
    private final Dispatcher readDispatcher;
    private final CommitAppender appender;
    private final StreamReader streamReader;
    private final FeedReader feedReader;
    private final NatsEventStoreSettings settings;
    private final Runnable stopWatchingConnection;

    private NatsEventStore(NatsClient client, NatsNames names, NatsEventStoreSettings settings) {
        this.client = client;
        this.names = names;
        this.settings = settings;
        this.subjects = names.eventSubjects();
        this.readDispatcher = client.connection().createDispatcher();
        StreamHeads heads = new StreamHeads(settings.streamHeadCacheSize());
        CommitFetcher fetcher = new CommitFetcher(client.connection(), names.eventStream(), client.requestTimeout());
        ConsumerReads consumers = new ConsumerReads(client.connection(), readDispatcher, names.eventStream(),
                names.readConsumerPrefix(), client.requestTimeout(), client.timers(), client.callbacks(),
                EventStoreException::new);
        this.appender = new CommitAppender(client.jetStream(), subjects, fetcher, heads, client.callbacks(),
                client.timers(), settings.duplicateWindow().dividedBy(2));
        this.stopWatchingConnection = client.whenDisconnected(appender::resendInFlight);
        readDispatcher.subscribe(LEADER_ELECTED_ADVISORY + names.eventStream(),
                advisory -> onLeaderElected());
        this.streamReader = new StreamReader(fetcher, consumers, heads, client.callbacks(), settings.chainReadLimit());
        this.feedReader = new FeedReader(consumers, fetcher, subjects);
    }

    /**
     * Creates the event stream if it is missing (file storage, no limits, duplicate window and replicas from
     * the settings) and refuses an existing one that could discard events.
     */
    public static NatsEventStore start(NatsClient client, NatsNames names, NatsEventStoreSettings settings) {
        EventStreamSetup.ensure(client.connection(), client.management(), names.eventStream(),
                names.eventStreamSubjects(),
                settings.replicas(), settings.duplicateWindow());
        return new NatsEventStore(client, names, settings);
    }

    /**
     * Deletes the event stream of {@code names} and every event in it, for tools that clean up what they made
     * (load tests); returns whether it existed. Stores still open on it fail from then on.
     */
    public static boolean delete(NatsClient client, NatsNames names) {
        return EventStreamSetup.delete(client.management(), names.eventStream());
    }

    /** The JetStream stream holding the events. */
    public String streamName() {
        return names.eventStream();
    }

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(commitId, "commitId");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        if (events.size() > MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException(
                    "an append takes at most " + MAX_EVENTS_PER_APPEND + " events, got " + events.size());
        }
        if (commitId.isBlank()) {
            throw new IllegalArgumentException("commit id must not be blank");
        }
        long bytes = 0;
        for (EventData event : events) {
            bytes += event.size();
        }
        long limit = maxAppendBytes();
        if (bytes > limit) {
            throw new IllegalArgumentException("a commit of " + bytes + " bytes exceeds the " + limit
                    + " bytes one message to the NATS server may carry");
        }
        return appender.append(stream, expected, events.size(), CommitCodec.encodeEvents(events), commitId);
    }

    /**
     * The server's maximum payload less room for headers and framing. {@link EventData#size()} counts at least the
     * bytes {@link CommitCodec} writes for an event (its strings as CESU-8, at most 15 bytes of lengths per event
     * and 10 per metadata entry), so events within this limit always fit in one message.
     */
    @Override
    public long maxAppendBytes() {
        return client.connection().getServerInfo().getMaxPayload() - MESSAGE_ALLOWANCE;
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        Objects.requireNonNull(stream, "stream");
        return streamReader.read(stream, subjects.of(stream), fromVersion, toVersion);
    }

    @Override
    public CompletionStage<Long> streamVersion(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        return streamReader.version(stream, subjects.of(stream));
    }

    @Override
    public CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (maxCommits < 1) {
            throw new IllegalArgumentException("maxCommits must be positive, got " + maxCommits);
        }
        return feedReader.read(afterPosition, maxCommits, filter).exceptionallyCompose(error ->
                CompletableFuture.failedFuture(asStoreFailure(error)));
    }

    @Override
    public Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(listener, "listener");
        return NatsFeedSubscription.start(handler -> new OrderedFeed(client.connection(), client.jetStream(),
                names.eventStream(), settings.subscriptionHeartbeat(), client.callbacks(), client::whenClosed,
                EventStoreException::new, handler), client.callbacks(), feedReader, subjects, afterPosition, filter,
                listener);
    }

    /** Stops the store's reads; subscriptions are closed by their owners. The shared client stays open. */
    @Override
    public void close() {
        stopWatchingConnection.run();
        try {
            client.connection().closeDispatcher(readDispatcher);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.debug("event store reads already released (connection or dispatcher closed)", e);
        }
    }

    private void onLeaderElected() {
        LOG.info("event stream {} has a new leader; appends waiting for the old one are sent again",
                names.eventStream());
        try {
            client.callbacks().execute(appender::resendInFlight);
        } catch (RejectedExecutionException e) {
            LOG.debug("the store is closing; appends in flight fail with the connection", e);
        }
    }

    private static Throwable asStoreFailure(Throwable error) {
        Throwable cause = Failures.unwrap(error);
        return cause instanceof EventStoreException ? cause
                : new EventStoreException("reading the event feed failed: " + cause.getMessage(), cause);
    }
}
