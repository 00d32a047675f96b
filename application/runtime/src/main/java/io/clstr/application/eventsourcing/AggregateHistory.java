package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.in.request.VersionNotFoundException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads an aggregate's past straight from the event store: its audit trail and its state as of a
 * version or an instant (time travel). Needs no actor and works on any node, because it only reads.
 */
public final class AggregateHistory<C, E, S> {

    private final Aggregate<C, E, S> aggregate;
    private final EventStore store;
    private final Codec codec;
    private final EventSourcingMetrics metrics;

    public AggregateHistory(Aggregate<C, E, S> aggregate, EventStore store, Codec codec, EventSourcingMetrics metrics) {
        this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The decoded events with versions {@code fromVersion..toVersion} (inclusive). */
    public CompletionStage<List<EventEnvelope<E>>> events(String entityId, long fromVersion, long toVersion) {
        StreamId stream = new StreamId(aggregate.type(), entityId);
        long started = System.nanoTime();
        return store.readStream(stream, fromVersion, toVersion).thenApply(events -> {
            metrics.storeLoad(aggregate.type(), System.nanoTime() - started);
            List<EventEnvelope<E>> decoded = new ArrayList<>(events.size());
            for (RecordedEvent recorded : events) {
                decoded.add(new EventEnvelope<>(recorded.stream(), recorded.version(), recorded.position(),
                        recorded.type(), recorded.recordedAt(), recorded.metadata(), decode(recorded)));
            }
            return decoded;
        });
    }

    /** Every event of the aggregate as stored, undecoded: for showing it as it is (the audit trail). */
    public CompletionStage<List<RecordedEvent>> storedEvents(String entityId) {
        long started = System.nanoTime();
        return store.readStream(new StreamId(aggregate.type(), entityId), 1, Long.MAX_VALUE).thenApply(events -> {
            metrics.storeLoad(aggregate.type(), System.nanoTime() - started);
            return events;
        });
    }

    /** Every event of the aggregate, decoded, with its metadata. */
    public CompletionStage<List<EventEnvelope<E>>> events(String entityId) {
        return events(entityId, 1, Long.MAX_VALUE);
    }

    /**
     * The state right after the event with this version; empty if the aggregate has no events. A stream that is
     * shorter fails the stage with {@link VersionNotFoundException}, which says how long it is.
     */
    public CompletionStage<Optional<Versioned<S>>> stateAt(String entityId, long version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        return events(entityId, 1, version).thenApply(events -> {
            if (events.isEmpty()) {
                return Optional.empty();
            }
            long latest = events.get(events.size() - 1).version();
            if (latest < version) {
                throw new VersionNotFoundException(
                        "There is no version " + version + ": the latest version is " + latest + ".");
            }
            return Optional.of(fold(entityId, events));
        });
    }

    /**
     * The state right after the event with this version, replayed from a state known at an earlier version
     * ({@code base}) rather than from the first event. A stream that is shorter fails the stage with
     * {@link VersionNotFoundException}.
     */
    public CompletionStage<Versioned<S>> stateAt(String entityId, Versioned<S> base, long version) {
        if (version < base.version()) {
            throw new IllegalArgumentException("version " + version + " is before the base " + base.version());
        }
        if (version == base.version()) {
            return CompletableFuture.completedFuture(base);
        }
        return events(entityId, base.version() + 1, version).thenApply(events -> {
            long latest = events.isEmpty() ? base.version() : events.get(events.size() - 1).version();
            if (latest < version) {
                throw new VersionNotFoundException(
                        "There is no version " + version + ": the latest version is " + latest + ".");
            }
            S state = base.state();
            for (EventEnvelope<E> event : events) {
                state = aggregate.evolve(state, event.event());
            }
            return new Versioned<>(state, version);
        });
    }

    /**
     * The state as it was at an instant; empty if the aggregate has no events. One whose first event came later
     * fails the stage with {@link VersionNotFoundException}, which says when that was.
     */
    public CompletionStage<Optional<Versioned<S>>> stateAsOf(String entityId, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return events(entityId).thenApply(events -> {
            if (events.isEmpty()) {
                return Optional.empty();
            }
            int count = 0;
            while (count < events.size() && !events.get(count).recordedAt().isAfter(instant)) {
                count++;
            }
            if (count == 0) {
                throw new VersionNotFoundException("There was no version yet at " + instant
                        + ": the first was recorded at " + events.get(0).recordedAt() + ".");
            }
            return Optional.of(fold(entityId, events.subList(0, count)));
        });
    }

    /** Decodes one stored event of this aggregate. */
    public E decode(RecordedEvent recorded) {
        return codec.decode(recorded.type(), recorded.data(), aggregate.eventType());
    }

    private Versioned<S> fold(String entityId, List<EventEnvelope<E>> events) {
        S state = aggregate.initialState(entityId);
        for (EventEnvelope<E> event : events) {
            state = aggregate.evolve(state, event.event());
        }
        return new Versioned<>(state, events.get(events.size() - 1).version());
    }
}
