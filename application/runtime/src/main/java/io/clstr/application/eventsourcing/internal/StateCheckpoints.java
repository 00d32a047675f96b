package io.clstr.application.eventsourcing.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Committed states an entity keeps as it goes, so that a repeated command older than the head is answered by
 * replaying the events after the nearest checkpoint instead of the whole stream. At most {@link #CAPACITY}
 * checkpoints, spread over the command retention, so together they reach back as far as a repeat can be
 * recognised. States are immutable; a checkpoint is a reference, not a copy.
 */
final class StateCheckpoints<S> {

    static final int CAPACITY = 16;

    /** A committed state and the version it is the state after. */
    record Checkpoint<S>(S state, long version) {
    }

    /** Grows to {@link #CAPACITY} only for entities busy through the whole retention. */
    private final ArrayDeque<Checkpoint<S>> checkpoints = new ArrayDeque<>(1);
    private final long spacingMillis;
    private long lastAtMillis;

    StateCheckpoints(long retentionMillis) {
        this.spacingMillis = Math.max(1, retentionMillis / CAPACITY);
    }

    /** Keeps this committed state if the last checkpoint is at least a spacing old. */
    void offer(S state, long version, long nowMillis) {
        if (version == 0 || !checkpoints.isEmpty() && nowMillis - lastAtMillis < spacingMillis) {
            return;
        }
        if (checkpoints.size() == CAPACITY) {
            checkpoints.removeFirst();
        }
        checkpoints.addLast(new Checkpoint<>(state, version));
        lastAtMillis = nowMillis;
    }

    /** The newest checkpoint at or before {@code version}; null if there is none. */
    Checkpoint<S> atOrBefore(long version) {
        for (Iterator<Checkpoint<S>> newestFirst = checkpoints.descendingIterator(); newestFirst.hasNext(); ) {
            Checkpoint<S> checkpoint = newestFirst.next();
            if (checkpoint.version() <= version) {
                return checkpoint;
            }
        }
        return null;
    }
}
