package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through the global feed (commits in stream-sequence order) with an ephemeral consumer per page. The
 * consumer reads the whole stream and the filter picks on this side ({@link EventSubjects#passes}).
 */
public final class FeedReader {

    private final ConsumerReads consumers;
    private final EventSubjects subjects;

    public FeedReader(ConsumerReads consumers, EventSubjects subjects) {
        this.consumers = consumers;
        this.subjects = subjects;
    }

    public CompletableFuture<List<RecordedCommit>> read(long afterPosition, int maxCommits, EventFilter filter) {
        ConsumerReads.Request request = ConsumerReads.Request.wholeStreamFrom(Math.max(0, afterPosition) + 1);
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
        });
    }

    RecordedCommit decode(Message message) {
        StoredCommit commit = StoredCommit.fromDelivery(message);
        try {
            return commit.toRecordedCommit(subjects.streamIdOf(message.getSubject()));
        } catch (IllegalArgumentException e) {
            throw new EventStoreException("message " + commit.sequence() + " is not a readable commit", e);
        }
    }
}
