package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.counter.CounterTypes;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.domain.counter.CounterEvent;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ActorMetrics;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.snapshot.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One hot counter on a real nats-server (1 MB max payload), with a node's entity settings: its snapshots are saved
 * and stay small however many commands it takes, and after a restart it still answers retried commands from its
 * command window, read again from the events.
 */
class HotEntitySnapshotsIT {

    private static final int COMMANDS = 40_000;
    private static final int IN_FLIGHT = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final StreamId HOT = new StreamId(CounterAggregate.TYPE, "hot");

    private final Codec codec = new JacksonCodec(CounterTypes.catalog());
    private final AtomicInteger skipped = new AtomicInteger();
    private final List<EntityRuntime<?, ?, ?>> runtimes = new ArrayList<>();
    private NatsServer server;
    private Backend backend;
    private ActorSystem actors;
    private ExecutorService threads;
    private BackgroundTasks background;

    @BeforeEach
    void start() {
        server = NatsServer.start();
        Map<String, String> environment = new HashMap<>();
        environment.put("CLSTR_BACKEND", "nats");
        environment.put("CLSTR_NATS_URL", server.url());
        backend = Backend.nats(TestNode.config(environment),
                NatsNames.withPrefix("hot" + UUID.randomUUID().toString().substring(0, 8)));
        actors = ActorSystem.create("hot");
        threads = Executors.newFixedThreadPool(2);
        background = new BackgroundTasks("hot", threads, 2, 1000, ActorMetrics.NOOP);
    }

    @AfterEach
    void stop() throws Exception {
        runtimes.forEach(runtime -> runtime.close(Duration.ofSeconds(5)));
        background.close();
        threads.shutdownNow();
        actors.close();
        backend.close();
        server.close();
    }

    @Test
    void a_hot_entity_s_snapshots_are_saved_small_and_retries_after_a_restart_are_not_applied_twice() {
        EntityRuntime<CounterCommand, CounterEvent, Counter> counters = runtime();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger accepted = new AtomicInteger();
        List<CompletableFuture<?>> sent = new ArrayList<>(COMMANDS);
        for (int i = 0; i < COMMANDS; i++) {
            inFlight.acquireUninterruptibly();
            sent.add(counters.execute(increment(i), TIMEOUT).toCompletableFuture().whenComplete((result, error) -> {
                inFlight.release();
                if (result instanceof CommandResult.Accepted<Counter>) {
                    accepted.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        assertThat(accepted).hasValue(COMMANDS);

        // Snapshots are written in the background, at most one at a time: the last one lands a little later.
        await().atMost(TIMEOUT).until(() -> backend.snapshots().load(HOT)
                .map(snapshot -> snapshot.version() >= COMMANDS - 1_000).orElse(false));
        Snapshot snapshot = backend.snapshots().load(HOT).orElseThrow();
        assertThat(snapshot.state().length).as("snapshot bytes").isLessThan(64 * 1024);
        assertThat(skipped).as("snapshots too large for the server").hasValue(0);

        // A restart: the entity recovers from the snapshot, its window from the events, then the tail.
        counters.close(Duration.ofSeconds(5));
        EntityRuntime<CounterCommand, CounterEvent, Counter> restarted = runtime();
        // Retries across the last commands the window keeps by count (each answer reads the state at its version).
        for (int i = COMMANDS - EntitySettings.defaults().commandWindow(); i < COMMANDS; i += 32) {
            CommandResult<Counter> retried = restarted.execute(increment(i), TIMEOUT).toCompletableFuture().join();
            assertThat(retried).as("retry of command %d", i).isInstanceOfSatisfying(CommandResult.Accepted.class,
                    first -> assertThat(first.repeated()).isTrue());
        }
        assertThat(restarted.state(HOT.id(), TIMEOUT).toCompletableFuture().join().state().value())
                .isEqualTo(COMMANDS);
    }

    private static CommandRequest<CounterCommand> increment(int i) {
        return CommandRequest.of(HOT.id(), new CounterCommand.Increment(1), "increment-" + i);
    }

    /** The counters' runtime as a node wires it: the default entity settings (a snapshot every 100 events). */
    private EntityRuntime<CounterCommand, CounterEvent, Counter> runtime() {
        EntityRuntime<CounterCommand, CounterEvent, Counter> runtime = EntityRuntime.builder(new CounterAggregate())
                .eventStore(backend.events())
                .snapshots(backend.snapshots())
                .codec(codec)
                .actors(actors)
                .background(background)
                .settings(EntitySettings.defaults())
                .metrics(new EventSourcingMetrics() {
                    @Override
                    public void snapshotSkipped(AggregateType type) {
                        skipped.incrementAndGet();
                    }
                })
                .build();
        runtimes.add(runtime);
        return runtime;
    }
}
