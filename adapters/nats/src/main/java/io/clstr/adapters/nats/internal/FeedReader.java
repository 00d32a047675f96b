package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through the global feed (commits in stream-sequence order) with an ephemeral consumer per page. The
 * consumer reads the whole stream and the filter picks on this side ({@link EventSubjects#passes}).
 *
 * <p>The consumer is placed on the stream leader ({@link ConsumerReads.Request#onLeader()}): nothing here could
 * tell a follower's stale or diverged copy from the leader's. When the consumer read fails (on 2.9 a
 * short-lived consumer may be placed on a server that is down, and never answer), the page is read by sequence
 * with message gets instead, which only the leader answers: a batch at a time, up to the first sequence the
 * leader does not have (an event stream never deletes, so that is its end). Direct gets would be answered by any
 * replica, and a follower's copy is not to be trusted for a position the reader cannot check.
 */
public final class FeedReader {

    private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
    /** Message gets in flight at once when reading by sequence. */
    private static final int SEQUENCE_BATCH = 64;

    private final ConsumerReads consumers;
    private final CommitFetcher fetcher;
    private final EventSubjects subjects;

    public FeedReader(ConsumerReads consumers, CommitFetcher fetcher, EventSubjects subjects) {
        this.consumers = consumers;
        this.fetcher = fetcher;
        this.subjects = subjects;
    }

    public CompletableFuture<List<RecordedCommit>> read(long afterPosition, int maxCommits, EventFilter filter) {
        long after = Math.max(0, afterPosition);
        ConsumerReads.Request request = ConsumerReads.Request.wholeStreamFrom(after + 1).onLeader();
        return consumers.read(request, new ConsumerReads.Collector<List<RecordedCommit>>() {
            private final List<RecordedCommit> page = new ArrayList<>(Math.min(maxCommits, 256));

            @Override
            public boolean take(Message message) {
                if (subjects.passes(message.getSubject(), filter)) {
                    page.add(decode(message));
                }
                return page.size() >= maxCommits;
            }

            @Override
            public List<RecordedCommit> result() {
                return page;
            }
        }).exceptionallyCompose(error -> {
            LOG.warn("reading the feed after {} through a consumer failed ({}); reading it by sequence instead",
                    after, Failures.unwrap(error).getMessage());
            return readBySequence(after, maxCommits, filter, new ArrayList<>());
        });
    }

    private CompletableFuture<List<RecordedCommit>> readBySequence(long after, int maxCommits, EventFilter filter,
            List<RecordedCommit> page) {
        List<CompletableFuture<StoredCommit>> batch = new ArrayList<>(SEQUENCE_BATCH);
        for (long sequence = after + 1; sequence <= after + SEQUENCE_BATCH; sequence++) {
            batch.add(fetcher.atFromLeader(sequence));
        }
        return CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            for (CompletableFuture<StoredCommit> fetched : batch) {
                StoredCommit commit = fetched.join();
                if (commit == null) {
                    return CompletableFuture.completedFuture(page);
                }
                if (subjects.passes(commit.subject(), filter)) {
                    page.add(toRecorded(commit));
                    if (page.size() >= maxCommits) {
                        return CompletableFuture.completedFuture(page);
                    }
                }
            }
            return readBySequence(after + SEQUENCE_BATCH, maxCommits, filter, page);
        });
    }

    RecordedCommit decode(Message message) {
        return toRecorded(StoredCommit.fromDelivery(message));
    }

    private RecordedCommit toRecorded(StoredCommit commit) {
        try {
            return commit.toRecordedCommit(subjects.streamIdOf(commit.subject()));
        } catch (IllegalArgumentException e) {
            throw new EventStoreException("message " + commit.sequence() + " is not a readable commit", e);
        }
    }
}
