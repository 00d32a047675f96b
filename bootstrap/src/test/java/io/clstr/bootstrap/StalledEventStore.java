package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An event store whose appends never answer, like a server that stopped responding, until it is closed:
 * then they fail, as appends do when their connection closes. Reads answer normally.
 */
final class StalledEventStore implements EventStore, AutoCloseable {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final Queue<CompletableFuture<AppendResult>> stalled = new ConcurrentLinkedQueue<>();

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        CompletableFuture<AppendResult> never = new CompletableFuture<>();
        stalled.add(never);
        return never;
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

    @Override
    public void close() {
        CompletableFuture<AppendResult> append;
        while ((append = stalled.poll()) != null) {
            append.completeExceptionally(new EventStoreException("the connection to the store closed"));
        }
    }
}
