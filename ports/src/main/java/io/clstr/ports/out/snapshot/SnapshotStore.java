package io.clstr.ports.out.snapshot;

import io.clstr.ports.out.eventstore.StreamId;
import java.util.Optional;

/**
 * Keeps the latest snapshot of each stream. Saving a snapshot older than (or as old as) the stored
 * one changes nothing, so concurrent savers can never move a stream's snapshot backwards.
 */
public interface SnapshotStore {

    Optional<Snapshot> load(StreamId stream);

    /**
     * Stores the snapshot unless the stored one is as new or newer. A snapshot whose {@link Snapshot#state()} is
     * longer than {@link #maxStateBytes()} is refused with {@link IllegalArgumentException}; nothing changes.
     */
    void save(Snapshot snapshot);

    /**
     * The longest {@link Snapshot#state()} this store saves, in bytes (a message broker's payload limit, less room
     * for the rest of the snapshot). Writers skip a snapshot over it. The default is no limit.
     */
    default long maxStateBytes() {
        return Long.MAX_VALUE;
    }

    void delete(StreamId stream);
}
