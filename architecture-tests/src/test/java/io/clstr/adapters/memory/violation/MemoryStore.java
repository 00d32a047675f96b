package io.clstr.adapters.memory.violation;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.util.Optional;

/** Deliberate violation: a memory adapter not named InMemory..., depending on another adapter and the application. */
public class MemoryStore implements SnapshotStore {
    public io.clstr.adapters.nats.violation.EventStoreOnJetStream other;
    public io.clstr.application.violation.WidgetImpl widget;

    @Override
    public Optional<Snapshot> load(StreamId stream) {
        return Optional.empty();
    }

    @Override
    public void save(Snapshot snapshot) {
    }

    @Override
    public void delete(StreamId stream) {
    }
}
