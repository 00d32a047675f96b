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
 * <p>When the consumer read fails (on 2.9 a short-lived consumer may be placed on a server that is down, and
 * never answer), the page is read by sequence with direct gets instead, which any replica answers: a batch at a
 * time, up to the first sequence the stream leader does not have either (an event stream never deletes, so that
 * is its end).
 */
public final class FeedReader {

    private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
    /** Direct gets in flight at once when reading by sequence. */
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
        ConsumerReads.Request request = ConsumerReads.Request.wholeStreamFrom(after + 1);
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
            batch.add(fetcher.at(sequence));
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
