package io.clstr.application.counter.bench;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
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
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Commands through the whole entity runtime on the in-memory store: ask the entity actor, decide,
 * encode the event as JSON, append (conflict-checked), evolve, reply. {@code keys} entities share
 * the load, {@value #IN_FLIGHT} commands in flight; {@code keys=1} is the hot-key case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommandBenchmark {

    static final int IN_FLIGHT = 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Param({"10000", "1"})
    int keys;

    private ActorSystem actors;
    private ExecutorService blocking;
    private BackgroundTasks background;
    private EntityRuntime<CounterCommand, CounterEvent, Counter> counters;
    private long sequence;
    private final CompletableFuture<?>[] inFlight = new CompletableFuture<?>[IN_FLIGHT];

    @Setup(Level.Trial)
    public void start() {
        actors = ActorSystem.create("bench");
        blocking = Executors.newFixedThreadPool(2);
        background = new BackgroundTasks("bench", blocking, 2, 10_000, ActorMetrics.NOOP);
        counters = EntityRuntime.builder(new CounterAggregate())
                .eventStore(new InMemoryEventStore())
                .codec(new JacksonCodec(CounterTypes.catalog()))
                .actors(actors)
                .background(background)
                .settings(EntitySettings.defaults().withSnapshotEvery(0).withMailboxCapacity(4096))
                .build();
        // Activate every entity once, so the measurement is of commands, not recoveries.
        for (int key = 0; key < keys; key++) {
            send(key).join();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        counters.close();
        background.close();
        blocking.shutdownNow();
        actors.close();
    }

    @Benchmark
    @OperationsPerInvocation(10 * IN_FLIGHT)
    public void commands() {
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight[i] = send((int) (sequence % keys));
            }
            CompletableFuture.allOf(inFlight).join();
        }
    }

    private CompletableFuture<CommandResult<Counter>> send(int key) {
        long id = sequence++;
        return counters.execute(CommandRequest.of("counter-" + key, new CounterCommand.Increment(1), "cmd-" + id),
                TIMEOUT).toCompletableFuture();
    }
}
