package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EventStore} on the heap: the embedded default, held to the same contract as the NATS store.
 *
 * <p>It meets the whole port contract ({@code EventStoreContract}). Appends are done when {@code append}
 * returns (the stage is already complete) and cost little: the version check and commit-id lookup lock only
 * their stream; a short global section assigns the position and publishes the commit to its stream and then
 * to the global feed, so whoever finds a commit in the feed also finds it in its stream. Reads never lock and
 * return immutable lists; no append copies earlier events.
 *
 * <p>Subscriptions read the global feed on their own daemon threads ({@code clstr-memory-feed-N}), so a slow
 * listener never blocks writers, and a listener may append to this store. They keep no copies of commits.
 *
 * <p>Limits and choices:
 * <ul>
 *   <li>Everything is lost with the process; memory grows with the events stored.
 *   <li>A retried append is recognised by its commit id among the last {@value #COMMIT_ID_WINDOW} commits
 *       of its stream (NATS uses a time window instead). Commit ids are per stream.
 *   <li>Event data is copied on append, so callers may reuse their buffers; the arrays handed to readers are
 *       shared between them and must not be modified.
 *   <li>An append carries at most {@link #maxAppendBytes()} bytes ({@value #DEFAULT_MAX_APPEND_BYTES} by default,
 *       the default maximum payload of a NATS server), so what the embedded store accepts a default NATS
 *       deployment accepts too.
 *   <li>Argument errors (no events, more than {@value EventStore#MAX_EVENTS_PER_APPEND}, more bytes than the
 *       limit) are thrown by {@code append} itself; conflicts fail the returned stage.
 * </ul>
 */
public final class InMemoryEventStore implements EventStore {

    /** How many of a stream's latest commits a retried append is recognised against, by commit id. */
    public static final int COMMIT_ID_WINDOW = 64;

    /** The bytes one append may carry unless told otherwise: 1 MiB, a NATS server's default maximum payload. */
    public static final long DEFAULT_MAX_APPEND_BYTES = 1 << 20;

    private final Clock clock;
    private final long maxAppendBytes;
    private final ConcurrentHashMap<StreamId, StreamLog> streams = new ConcurrentHashMap<>();
    private final CommitLog log = new CommitLog();
    private final Object positionLock = new Object();
    private final Wakeups wakeups = new Wakeups();

    /** A store that stamps commits with the system clock (UTC). */
    public InMemoryEventStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps commits ({@link RecordedEvent#recordedAt()}) with the given clock. */
    public InMemoryEventStore(Clock clock) {
        this(clock, DEFAULT_MAX_APPEND_BYTES);
    }

    /** A store with the given clock and limit on the bytes of one append ({@link EventData#size()} summed). */
    public InMemoryEventStore(Clock clock, long maxAppendBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAppendBytes < 1) {
            throw new IllegalArgumentException("maxAppendBytes must be positive, got " + maxAppendBytes);
        }
        this.maxAppendBytes = maxAppendBytes;
    }

    @Override
    public long maxAppendBytes() {
        return maxAppendBytes;
    }

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(commitId, "commitId");
        int count = events.size();
        if (count == 0 || count > MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException(
                    "an append holds 1 to " + MAX_EVENTS_PER_APPEND + " events, got " + count);
        }
        long bytes = 0;
        for (EventData event : events) {
            bytes += event.size();
        }
        if (bytes > maxAppendBytes) {
            throw new IllegalArgumentException("an append carries at most " + maxAppendBytes + " bytes, got " + bytes);
        }
        byte[][] data = copyData(events);

        StreamLog streamLog = streams.get(stream);
        if (streamLog == null) {
            if (!expected.matches(0)) {
                // A stream that does not exist has no commits to recognise a retry by.
                return CompletableFuture.failedFuture(conflict(stream, expected, 0));
            }
            streamLog = streams.computeIfAbsent(stream, StreamLog::new);
        }
        AppendResult result;
        synchronized (streamLog) {
            AppendResult retried = streamLog.recentCommits.find(commitId);
            if (retried != null) {
                return CompletableFuture.completedFuture(retried);
            }
            int version = streamLog.version();
            if (!expected.matches(version)) {
                return CompletableFuture.failedFuture(conflict(stream, expected, version));
            }
            streamLog.reserve(count);
            result = publish(streamLog, version, events, data, clock.instant());
            streamLog.recentCommits.remember(commitId, result);
        }
        wakeups.wakeAll();
        return CompletableFuture.completedFuture(result);
    }

    /** Assigns the next position and makes the commit visible in its stream, then in the global feed. */
    private AppendResult publish(StreamLog streamLog, int version, List<EventData> events, byte[][] data,
            Instant recordedAt) {
        RecordedEvent[] recorded = new RecordedEvent[events.size()];
        synchronized (positionLock) {
            long position = log.head() + 1;
            for (int i = 0; i < recorded.length; i++) {
                EventData event = events.get(i);
                recorded[i] = new RecordedEvent(streamLog.id, version + i + 1L, position, event.type(), data[i],
                        event.metadata(), recordedAt);
            }
            streamLog.add(recorded);
            log.append(new RecordedCommit(streamLog.id, position, List.of(recorded)));
            return new AppendResult(version + (long) recorded.length, position);
        }
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        Objects.requireNonNull(stream, "stream");
        StreamLog streamLog = streams.get(stream);
        return CompletableFuture.completedFuture(
                streamLog == null ? List.of() : streamLog.read(fromVersion, toVersion));
    }

    @Override
    public CompletionStage<Long> streamVersion(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        StreamLog streamLog = streams.get(stream);
        return CompletableFuture.completedFuture(streamLog == null ? 0L : streamLog.version());
    }

    @Override
    public CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (afterPosition < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + afterPosition);
        }
        if (maxCommits < 1) {
            throw new IllegalArgumentException("maxCommits must be >= 1, got " + maxCommits);
        }
        long head = log.head();
        List<RecordedCommit> page = new ArrayList<>((int) Math.min(maxCommits, Math.max(0, head - afterPosition)));
        for (long position = afterPosition + 1; position <= head && page.size() < maxCommits; position++) {
            RecordedCommit commit = log.get(position);
            if (filter.matches(commit.stream())) {
                page.add(commit);
            }
        }
        return CompletableFuture.completedFuture(Collections.unmodifiableList(page));
    }

    /**
     * Starts a subscription on its own daemon thread. Its {@code close()} waits for a listener call running on
     * another thread to return; a listener may close its own subscription.
     */
    @Override
    public Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(listener, "listener");
        if (afterPosition < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + afterPosition);
        }
        FeedSubscription subscription = new FeedSubscription(log, wakeups, afterPosition, filter, listener);
        subscription.start();
        return subscription;
    }

    /** The number of subscriptions whose threads are still running. */
    int runningSubscriptions() {
        return wakeups.registered();
    }

    private static byte[][] copyData(List<EventData> events) {
        byte[][] data = new byte[events.size()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = events.get(i).data().clone();
        }
        return data;
    }

    private static ConcurrencyConflictException conflict(StreamId stream, ExpectedVersion expected, long actual) {
        return new ConcurrencyConflictException(stream, expected, "found version " + actual);
    }
}
