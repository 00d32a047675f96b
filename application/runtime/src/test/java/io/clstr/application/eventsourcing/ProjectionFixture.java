package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Scheduler;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

/**
 * Real parts for projection tests: the in-memory event store and key-value store, the JSON codec, an actor
 * system's scheduler and background tasks, and recording metrics. Count commits are the test events.
 */
final class ProjectionFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Fast retries and reconnects, so failure tests take milliseconds. */
    static final ProjectionSettings FAST = ProjectionSettings.defaults()
            .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(4))
            .withReconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
            .withCheckpoints(100, Duration.ofMillis(50));

    final Codec codec = new JacksonCodec(CountTypes.catalog()
            .with(TallyProjection.STORED_NAME, TallyProjection.Tally.class));
    final InMemoryEventStore memoryStore = new InMemoryEventStore();
    final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    final RecordingEventSourcingMetrics metrics = new RecordingEventSourcingMetrics();
    private final ActorSystem actors = ActorSystem.create("projection-test");
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    final BackgroundTasks background = new BackgroundTasks("projection-test", blocking, 2, 1000, ActorMetrics.NOOP);
    private final List<ProjectionRunner> runners = new ArrayList<>();

    TallyProjection tallies(String name) {
        return new TallyProjection(name, kv, codec);
    }

    /** A runner over the in-memory stores with real time and {@link #FAST} settings; the test may change any part. */
    ProjectionRunner.Builder runner(Projection projection) {
        return ProjectionRunner.builder(projection)
                .eventStore(memoryStore)
                .codec(codec)
                .checkpoints(kv)
                .scheduler(actors.scheduler())
                .background(background)
                .settings(FAST)
                .metrics(metrics);
    }

    /** Builds a runner and stops it when the test ends. */
    ProjectionRunner started(ProjectionRunner.Builder builder) {
        ProjectionRunner runner = track(builder.build());
        runner.start();
        return runner;
    }

    ProjectionRunner track(ProjectionRunner runner) {
        runners.add(runner);
        return runner;
    }

    Scheduler realTime() {
        return actors.scheduler();
    }

    /** Appends one commit of increments to a counter; returns its position. */
    long increment(String counterId, long... amounts) {
        return append(memoryStore, StreamId.of("count", counterId), LongStream.of(amounts)
                .mapToObj(amount -> (Object) new CountEvent.Incremented(amount)).toList());
    }

    /** Appends one commit of these events (encoded by the codec); returns its position. */
    long append(EventStore store, StreamId stream, List<Object> events) {
        List<EventData> data = new ArrayList<>();
        for (Object event : events) {
            Encoded encoded = codec.encode(event);
            data.add(new EventData(encoded.type(), encoded.data()));
        }
        return store.append(stream, ExpectedVersion.any(), data).toCompletableFuture().join().position();
    }

    /** Appends {@code commits} commits spread over {@code counters} counters, 1 to 3 events each. */
    List<Long> incrementMany(int commits, int counters) {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < commits; i++) {
            long base = i;
            long[] amounts = LongStream.rangeClosed(1, 1 + i % 3).map(k -> k * 10 + base).toArray();
            positions.add(increment("c-" + (i % counters), amounts));
        }
        return positions;
    }

    /** Every counter commit stored, in position order. */
    List<RecordedCommit> counterCommits() {
        return memoryStore.readAll(0, 100_000, EventFilter.aggregateTypes(CountAggregate.TYPE))
                .toCompletableFuture().join();
    }

    /**
     * The tallies each counter must have if every stored event took effect exactly once: versions 1..n and the
     * sum of the amounts.
     */
    Map<String, TallyProjection.Tally> expectedTallies() {
        Map<String, TallyProjection.Tally> expected = new TreeMap<>();
        for (RecordedCommit commit : counterCommits()) {
            for (var event : commit.events()) {
                long amount = codec.decode(event.type(), event.data(), CountEvent.Incremented.class).amount();
                String id = event.stream().id();
                TallyProjection.Tally tally = expected.getOrDefault(id, new TallyProjection.Tally(id, 0, List.of(), 0));
                expected.put(id, tally.plus(amount, event.version()));
            }
        }
        return expected;
    }

    /** Asserts that the projection's read model holds every counter event exactly once. */
    void assertExactlyOnce(TallyProjection projection) {
        assertThat(new TreeMap<>(projection.tallies())).isEqualTo(expectedTallies());
    }

    KeyValueStore kv() {
        return kv;
    }

    @Override
    public void close() {
        runners.forEach(ProjectionRunner::stop);
        background.close();
        blocking.shutdownNow();
        actors.close();
    }
}
