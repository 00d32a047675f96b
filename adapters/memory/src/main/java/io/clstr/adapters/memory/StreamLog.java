package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One stream's events in version order (version {@code v} at index {@code v - 1}) and its recent commit ids.
 *
 * <p>Writers hold this object's monitor (one append per stream at a time) and publish with a volatile write of
 * the size; readers never lock. The array grows by doubling before the store's short global section, so the
 * global section only stores references.
 */
final class StreamLog {

    private static final RecordedEvent[] EMPTY = new RecordedEvent[0];

    final StreamId id;
    /** Guarded by this. */
    final RecentCommits recentCommits = new RecentCommits();
    private volatile RecordedEvent[] events = EMPTY;
    private volatile int size;

    StreamLog(StreamId id) {
        this.id = id;
    }

    /** The stream's version: the number of its events. */
    int version() {
        return size;
    }

    /** Makes room for {@code more} events. The caller holds this object's monitor. */
    void reserve(int more) {
        RecordedEvent[] current = events;
        int needed = size + more;
        if (needed > current.length) {
            events = Arrays.copyOf(current, Math.max(needed, Math.max(4, current.length * 2)));
        }
    }

    /** Adds events after {@link #reserve}; they become visible to readers at once. */
    void add(RecordedEvent[] added) {
        int start = size;
        System.arraycopy(added, 0, events, start, added.length);
        size = start + added.length;
    }

    /** An immutable copy of the events with versions {@code from..to} (inclusive, clipped to the stream). */
    List<RecordedEvent> read(long fromVersion, long toVersion) {
        int published = size;
        RecordedEvent[] snapshot = events;
        long from = Math.max(1, fromVersion);
        long to = Math.min(toVersion, published);
        if (from > to) {
            return List.of();
        }
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(snapshot, (int) from - 1, (int) to)));
    }
}
