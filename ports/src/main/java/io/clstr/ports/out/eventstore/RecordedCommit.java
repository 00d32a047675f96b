package io.clstr.ports.out.eventstore;

import java.util.List;
import java.util.Objects;

/**
 * The events of one append, as the global feed delivers them: one stream, one position, versions
 * in order. Appends are atomic, so a reader sees a commit whole or not at all.
 */
public record RecordedCommit(StreamId stream, long position, List<RecordedEvent> events) {

    public RecordedCommit {
        Objects.requireNonNull(stream, "stream");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a commit holds at least one event");
        }
    }

    public long firstVersion() {
        return events.get(0).version();
    }

    public long lastVersion() {
        return events.get(events.size() - 1).version();
    }
}
