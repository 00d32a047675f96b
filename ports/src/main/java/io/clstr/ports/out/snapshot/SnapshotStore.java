package io.clstr.ports.out.snapshot;

import io.clstr.ports.out.eventstore.StreamId;
import java.util.Optional;

/**
 * Keeps the latest snapshot of each stream. Saving a snapshot older than (or as old as) the stored
 * one changes nothing, so concurrent savers can never move a stream's snapshot backwards.
 */
public interface SnapshotStore {

    Optional<Snapshot> load(StreamId stream);

    void save(Snapshot snapshot);

    void delete(StreamId stream);
}
