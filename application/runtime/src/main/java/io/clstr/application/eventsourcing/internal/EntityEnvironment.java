package io.clstr.application.eventsourcing.internal;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** What every entity of one aggregate type shares. */
public record EntityEnvironment<C, E, S>(
        Aggregate<C, E, S> aggregate,
        EventStore store,
        Optional<SnapshotStore> snapshots,
        Codec codec,
        EntitySettings settings,
        EventSourcingMetrics metrics,
        BackgroundTasks background,
        Clock clock,
        String stateTypeName) {

    public EntityEnvironment {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stateTypeName, "stateTypeName");
    }
}
