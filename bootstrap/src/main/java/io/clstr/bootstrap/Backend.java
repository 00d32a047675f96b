package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.bootstrap.config.BackendKind;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.Setting;
import io.clstr.ports.out.eventstore.EventStore;
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
    private final AutoCloseable connection;

    /**
     * @param connection what to close when the node stops (a NATS connection); nothing for memory
     */
    public Backend(BackendKind kind, EventStore events, SnapshotStore snapshots, AutoCloseable connection) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.events = Objects.requireNonNull(events, "events");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Everything on the heap of this process: nothing to set up, nothing survives a restart. */
    public static Backend inMemory() {
        return new Backend(BackendKind.MEMORY, new InMemoryEventStore(), new InMemorySnapshotStore(), () -> { });
    }

    /**
     * The backend the configuration asks for, connected.
     *
     * @throws StartupException if it cannot be opened
     */
    public static Backend open(ClstrConfig config) {
        if (config.backend() == BackendKind.NATS) {
            // Integration point: the NATS adapters (event store, snapshots, KV) are wired here once they exist.
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

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
