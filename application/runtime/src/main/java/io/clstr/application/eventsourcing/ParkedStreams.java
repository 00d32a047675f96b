package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.StreamId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The positions of the parked commits, by stream, so that a later commit of a stream can wait behind its
 * parked ones. Not thread-safe: the {@link CommitApplier} uses it under its lock; {@link #count()} may be read
 * from any thread.
 */
final class ParkedStreams {

    private final Map<StreamId, TreeSet<Long>> positions = new HashMap<>();
    private volatile int count;

    /** Forgets what it knew and indexes these parked commits instead. */
    void reset(List<ParkedCommit> parked) {
        positions.clear();
        for (ParkedCommit entry : parked) {
            index(entry.stream(), entry.position());
        }
        count = parked.size();
    }

    /** Notes a commit just parked. */
    void park(StreamId stream, long position) {
        index(stream, position);
        count++; // one writer at a time: the applier's lock
    }

    boolean contains(StreamId stream, long position) {
        TreeSet<Long> ofStream = positions.get(stream);
        return ofStream != null && ofStream.contains(position);
    }

    /** The latest parked position of the stream before {@code position}, or null if there is none. */
    Long parkedBefore(StreamId stream, long position) {
        TreeSet<Long> ofStream = positions.get(stream);
        return ofStream == null ? null : ofStream.lower(position);
    }

    /** Parked commits, as of the last reset plus the commits parked since. */
    int count() {
        return count;
    }

    private void index(StreamId stream, long position) {
        positions.computeIfAbsent(stream, key -> new TreeSet<>()).add(position);
    }
}
