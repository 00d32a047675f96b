package io.clstr.application.eventsourcing;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.metrics.ActorMetrics;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** Real parts for entity tests: an actor system, the in-memory stores and the JSON codec. */
final class EntityFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Codec codec = new JacksonCodec(CountTypes.catalog());
    final InMemoryEventStore memoryStore = new InMemoryEventStore();
    final ControllableEventStore store = new ControllableEventStore(memoryStore);
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final ActorSystem actors = ActorSystem.create("test");
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    final BackgroundTasks background = new BackgroundTasks("test", blocking, 2, 1000, ActorMetrics.NOOP);
    private final List<EntityRuntime<?, ?, ?>> runtimes = new ArrayList<>();

    <C, E, S> EntityRuntime<C, E, S> runtime(Aggregate<C, E, S> aggregate, EntitySettings settings) {
        return runtime(aggregate, settings, store);
    }

    <C, E, S> EntityRuntime<C, E, S> runtime(Aggregate<C, E, S> aggregate, EntitySettings settings,
            EventStore eventStore) {
        return runtime(aggregate, settings, eventStore, snapshots);
    }

    <C, E, S> EntityRuntime<C, E, S> runtime(Aggregate<C, E, S> aggregate, EntitySettings settings,
            EventStore eventStore, SnapshotStore snapshotStore) {
        EntityRuntime<C, E, S> runtime = EntityRuntime.builder(aggregate)
                .eventStore(eventStore)
                .snapshots(snapshotStore)
                .codec(codec)
                .actors(actors)
                .background(background)
                .settings(settings)
                .build();
        runtimes.add(runtime);
        return runtime;
    }

    @Override
    public void close() {
        runtimes.forEach(runtime -> runtime.close(Duration.ofSeconds(5)));
        background.close();
        blocking.shutdownNow();
        actors.close();
    }
}
