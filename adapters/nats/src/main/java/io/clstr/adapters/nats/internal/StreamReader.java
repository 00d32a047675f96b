package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one aggregate's events, choosing per read the fastest way NATS 2.9 offers.
 *
 * <p>It always starts with a direct get of the aggregate's last commit (one round trip), which holds the head
 * version and links to up to {@value CommitCodec#MAX_LINKS} earlier commits. A short tail, such as
 * the events after a snapshot or a whole small aggregate, is then fetched backwards along those links with
 * parallel direct gets by sequence: one round trip per {@value CommitCodec#MAX_LINKS} commits, with no
 * server-side state and no scan. A long read (more than {@code chainLimit} versions before the last commit)
 * uses an ephemeral consumer filtered on the aggregate's subject instead, which streams the commits in one go
 * but costs a consumer creation and, on 2.9, a scan of the stream between the aggregate's commits. When a
 * consumer read fails (on 2.9 a short-lived consumer may be placed on a server that is down, and never deliver),
 * the read follows the links after all, and so do long reads for a while after it.
 */
public final class StreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
    /**
     * How long long reads follow commit links after a consumer read failed: while a server is missing, every
     * consumer placed on it would cost a read its whole idle timeout.
     */
    private static final long CONSUMER_PAUSE = TimeUnit.SECONDS.toNanos(30);

    private final CommitFetcher fetcher;
    private final ConsumerReads consumers;
    private final StreamHeads heads;
    private final Executor callbacks;
    private final int chainLimit;
    private volatile long consumersFailedAt = System.nanoTime() - CONSUMER_PAUSE - 1;

    public StreamReader(CommitFetcher fetcher, ConsumerReads consumers, StreamHeads heads, Executor callbacks,
            int chainLimit) {
        this.fetcher = fetcher;
        this.consumers = consumers;
        this.heads = heads;
        this.callbacks = callbacks;
        this.chainLimit = chainLimit;
    }

    public CompletableFuture<List<RecordedEvent>> read(StreamId stream, String subject, long fromVersion,
            long toVersion) {
        long from = Math.max(1, fromVersion);
        CompletableFuture<List<RecordedEvent>> result = new CompletableFuture<>();
        if (toVersion < from) {
            result.complete(List.of());
            return result;
        }
        lastCommit(stream, subject)
                .thenCompose(head -> head == null ? CompletableFuture.completedFuture(List.<RecordedEvent>of())
                        : readUpTo(stream, subject, head, from, Math.min(toVersion, head.lastVersion())))
                .whenComplete((events, error) -> completeLater(result, events, error));
        return result;
    }

    /** The version of the aggregate's last event, read from its last commit on the stream leader; 0 if none. */
    public CompletableFuture<Long> version(StreamId stream, String subject) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        lastCommit(stream, subject).thenApply(last -> last == null ? 0L : last.lastVersion())
                .whenComplete((version, error) -> completeLater(result, version, error));
        return result;
    }

    /**
     * The aggregate's last commit, from the stream leader: NATS lets a replica answer direct gets once it is 90 %
     * caught up, so a replica's "last" may be old, and an entity that recovered from it would decide on a state
     * that is not the latest (a restarted server catching up under load showed it).
     */
    private CompletableFuture<StoredCommit> lastCommit(StreamId stream, String subject) {
        return fetcher.lastFromLeader(subject).thenApply(last -> {
            if (last != null) {
                heads.offer(stream, subject, StreamHead.of(last));
            }
            return last;
        });
    }

    private CompletableFuture<List<RecordedEvent>> readUpTo(StreamId stream, String subject, StoredCommit head,
            long from, long to) {
        if (from > to) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (head.firstVersion() - from > chainLimit && System.nanoTime() - consumersFailedAt > CONSUMER_PAUSE) {
            return readWithConsumer(stream, subject, from, to).exceptionallyCompose(error -> {
                consumersFailedAt = System.nanoTime();
                LOG.warn("reading {} through a consumer failed ({}); following commit links instead, for every long"
                        + " read of the next {} s", stream, Failures.unwrap(error).getMessage(),
                        TimeUnit.NANOSECONDS.toSeconds(CONSUMER_PAUSE));
                return walkBack(stream, subject, from, to, head);
            });
        }
        return walkBack(stream, subject, from, to, head);
    }

    /**
     * Follows the links back from {@code head} with direct gets, which any replica answers, so this also works
     * while a server is missing; on 2.9 a short-lived consumer may be placed on the missing server and never
     * deliver.
     */
    private CompletableFuture<List<RecordedEvent>> walkBack(StreamId stream, String subject, long from, long to,
            StoredCommit head) {
        List<StoredCommit> newestFirst = new ArrayList<>();
        newestFirst.add(head);
        return walkBack(stream, subject, newestFirst, from, to);
    }

    private CompletableFuture<List<RecordedEvent>> walkBack(StreamId stream, String subject,
            List<StoredCommit> newestFirst, long from, long to) {
        StoredCommit oldest = newestFirst.get(newestFirst.size() - 1);
        if (oldest.firstVersion() <= from) {
            return CompletableFuture.completedFuture(eventsInRange(stream, newestFirst, from, to));
        }
        long[] links = oldest.earlier();
        if (links.length == 0) {
            // Commits without links (not written by this adapter): fall back to a consumer.
            return readWithConsumer(stream, subject, from, to);
        }
        int count = (int) Math.min(links.length, oldest.firstVersion() - from);
        List<CompletableFuture<StoredCommit>> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(fetcher.at(links[i]));
        }
        return CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            long expectedLast = oldest.firstVersion() - 1;
            for (CompletableFuture<StoredCommit> fetched : batch) {
                StoredCommit commit = fetched.join();
                if (commit == null || !commit.subject().equals(subject) || commit.lastVersion() != expectedLast) {
                    throw new EventStoreException("broken commit chain in " + stream + " before version "
                            + (expectedLast + 1));
                }
                newestFirst.add(commit);
                expectedLast = commit.firstVersion() - 1;
            }
            return walkBack(stream, subject, newestFirst, from, to);
        });
    }

    private CompletableFuture<List<RecordedEvent>> readWithConsumer(StreamId stream, String subject, long from,
            long to) {
        return consumers.read(ConsumerReads.Request.from(subject, 1), new ConsumerReads.Collector<>() {
            private final List<RecordedEvent> events = new ArrayList<>();
            private long lastVersion;

            @Override
            public boolean take(Message message) {
                StoredCommit commit = StoredCommit.fromDelivery(message);
                if (commit.firstVersion() != lastVersion + 1) {
                    throw new EventStoreException("versions of " + stream + " jump from " + lastVersion + " to "
                            + commit.firstVersion());
                }
                lastVersion = commit.lastVersion();
                if (lastVersion >= from) {
                    for (RecordedEvent event : commit.events(stream)) {
                        if (event.version() >= from && event.version() <= to) {
                            events.add(event);
                        }
                    }
                }
                return lastVersion >= to;
            }

            @Override
            public List<RecordedEvent> result() {
                return events;
            }
        });
    }

    private static List<RecordedEvent> eventsInRange(StreamId stream, List<StoredCommit> newestFirst, long from,
            long to) {
        List<RecordedEvent> events = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            StoredCommit commit = newestFirst.get(i);
            if (commit.lastVersion() < from || commit.firstVersion() > to) {
                continue;
            }
            for (RecordedEvent event : commit.events(stream)) {
                if (event.version() >= from && event.version() <= to) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private <T> void completeLater(CompletableFuture<T> result, T value, Throwable error) {
        Runnable completion = error == null ? () -> result.complete(value)
                : () -> result.completeExceptionally(readFailure(error));
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private static Throwable readFailure(Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof EventStoreException) {
            return cause;
        }
        return new EventStoreException("reading a stream failed: " + cause.getMessage(), cause);
    }
}
