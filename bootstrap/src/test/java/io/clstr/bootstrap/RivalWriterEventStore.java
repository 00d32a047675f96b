package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An event store where another writer (a stale owner on another node, say) always gets there first: before
 * each append, the same events are appended by the rival, so every append conflicts. The rival's copies carry
 * no metadata, so they never count as the command that caused them.
 */
final class RivalWriterEventStore implements EventStore {

    private final InMemoryEventStore store = new InMemoryEventStore();

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        List<EventData> copies = new ArrayList<>(events.size());
        for (EventData event : events) {
            copies.add(new EventData(event.type(), event.data(), Map.of()));
        }
        return store.append(stream, ExpectedVersion.any(), copies)
                .thenCompose(rivalDone -> store.append(stream, expected, events, commitId));
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        return store.readStream(stream, fromVersion, toVersion);
    }

    @Override
    public CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter) {
        return store.readAll(afterPosition, maxCommits, filter);
    }

    @Override
    public Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener) {
        return store.subscribe(afterPosition, filter, listener);
    }
}
