package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.bootstrap.config.BackendKind;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.Setting;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.util.Objects;

/**
 * The driven adapters that keep a node's data: the one place that chooses between the in-memory adapters and
 * NATS. A node closes its backend last, after everything that writes to it has stopped.
 */
public final class Backend implements AutoCloseable {

    private final BackendKind kind;
    private final EventStore events;
    private final SnapshotStore snapshots;
    private final KeyValueStore keyValues;
    private final AutoCloseable connection;

    /**
     * @param keyValues read models and their projections' checkpoints
     * @param connection what to close when the node stops (a NATS connection); nothing for memory
     */
    public Backend(BackendKind kind, EventStore events, SnapshotStore snapshots, KeyValueStore keyValues,
            AutoCloseable connection) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.events = Objects.requireNonNull(events, "events");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.keyValues = Objects.requireNonNull(keyValues, "keyValues");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Everything on the heap of this process: nothing to set up, nothing survives a restart. */
    public static Backend inMemory() {
        return inMemory(new InMemoryEventStore());
    }

    /** The in-memory adapters around another event store (tests put misbehaving ones here). */
    public static Backend inMemory(EventStore events) {
        return new Backend(BackendKind.MEMORY, events, new InMemorySnapshotStore(), new InMemoryKeyValueStore(),
                () -> { });
    }

    /**
     * The backend the configuration asks for, connected.
     *
     * @throws StartupException if it cannot be opened
     */
    public static Backend open(ClstrConfig config) {
        if (config.backend() == BackendKind.NATS) {
            // Integration point: the NATS adapters (event store, snapshots, key-value) are wired here once they exist.
            throw new StartupException(Setting.BACKEND.variable() + "=nats: the NATS backend is not wired into"
                    + " this build yet; use " + Setting.BACKEND.variable() + "=memory");
        }
        return inMemory();
    }

    public BackendKind kind() {
        return kind;
    }

    public EventStore events() {
        return events;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public KeyValueStore keyValues() {
        return keyValues;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
