package io.clstr.ports.out.snapshot;

import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.Objects;

/**
 * An aggregate's state as of a version, stored to shorten recovery. Snapshots are an optimisation
 * only: any of them may be lost or ignored and the stream replayed instead.
 *
 * @param stream the aggregate's stream
 * @param version the last event version folded into the state
 * @param position the global position of the commit holding that event
 * @param stateType the stored type name of the state
 * @param schemaVersion the version of the state's shape; a reader ignores a snapshot it does not know
 * @param state the encoded state
 * @param takenAt when it was taken
 */
public record Snapshot(
        StreamId stream,
        long version,
        long position,
        String stateType,
        int schemaVersion,
        byte[] state,
        Instant takenAt) {

    public Snapshot {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(stateType, "stateType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(takenAt, "takenAt");
        if (version < 1) {
            throw new IllegalArgumentException("a snapshot covers at least one event, got version " + version);
        }
    }
}
