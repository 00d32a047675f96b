package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SnapshotStore} on the heap: the latest snapshot of each stream, keyed by the stream itself (so
 * look-alike ids never collide). A save replaces the stored snapshot only if it is newer, atomically, so
 * concurrent savers never move a snapshot backwards. The state is copied on save; the array handed to readers
 * is shared and must not be modified. Snapshots are lost with the process, which their contract allows. The size
 * of a snapshot is not limited unless a limit is given (to behave like a broker with a payload limit).
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final ConcurrentHashMap<StreamId, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final long maxStateBytes;

    /** A store that takes snapshots of any size. */
    public InMemorySnapshotStore() {
        this(Long.MAX_VALUE);
    }

    /** A store that refuses snapshots whose state is longer than {@code maxStateBytes}. */
    public InMemorySnapshotStore(long maxStateBytes) {
        if (maxStateBytes < 0) {
            throw new IllegalArgumentException("maxStateBytes must not be negative, got " + maxStateBytes);
        }
        this.maxStateBytes = maxStateBytes;
    }

    @Override
    public Optional<Snapshot> load(StreamId stream) {
        return Optional.ofNullable(snapshots.get(Objects.requireNonNull(stream, "stream")));
    }

    @Override
    public void save(Snapshot snapshot) {
        if (snapshot.state().length > maxStateBytes) {
            throw new IllegalArgumentException("a snapshot state of " + snapshot.state().length
                    + " bytes; this store takes at most " + maxStateBytes);
        }
        Snapshot copy = new Snapshot(snapshot.stream(), snapshot.version(), snapshot.position(),
                snapshot.stateType(), snapshot.schemaVersion(), snapshot.state().clone(), snapshot.takenAt());
        snapshots.merge(copy.stream(), copy,
                (stored, offered) -> offered.version() > stored.version() ? offered : stored);
    }

    @Override
    public long maxStateBytes() {
        return maxStateBytes;
    }

    @Override
    public void delete(StreamId stream) {
        snapshots.remove(Objects.requireNonNull(stream, "stream"));
    }
}
