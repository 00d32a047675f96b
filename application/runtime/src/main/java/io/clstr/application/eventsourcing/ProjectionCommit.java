package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.StreamId;
import java.util.List;
import java.util.Objects;

/**
 * The decoded events of one append, as a {@link Projection} receives them: one stream, one global position,
 * versions contiguous and ascending.
 *
 * @param live whether the projection had caught up with the feed when this commit arrived (false while it
 *     replays history, during catch-up and rebuilds); side effects such as notifications should only happen live
 */
public record ProjectionCommit(StreamId stream, long position, List<EventEnvelope<?>> events, boolean live) {

    public ProjectionCommit {
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
