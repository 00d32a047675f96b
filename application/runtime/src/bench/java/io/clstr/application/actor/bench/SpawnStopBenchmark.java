package io.clstr.application.actor.bench;

import io.clstr.application.actor.ActorRef;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.Behaviors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full life of an actor: spawn (registry entry, first run creating its state), stop (post-stop
 * hook, release) and waiting for its termination, for a batch of actors at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpawnStopBenchmark {

    private static final int BATCH = 1_000;

    private ActorSystem system;
    private Behavior<String> behavior;
    private final ActorRef<?>[] refs = new ActorRef<?>[BATCH];
    private final CompletableFuture<?>[] terminations = new CompletableFuture<?>[BATCH];
    private long sequence;

    @Setup
    public void setUp() {
        system = ActorSystem.create("spawn-bench");
        behavior = Behaviors.withState(String.class, ctx -> new StringBuilder())
                .on(String.class, (sb, ctx, msg) -> sb.append(msg))
                .build();
    }

    @TearDown
    public void tearDown() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spawnAndStop() {
        for (int i = 0; i < BATCH; i++) {
            refs[i] = system.spawn("a" + sequence++, behavior);
        }
        for (int i = 0; i < BATCH; i++) {
            refs[i].stop();
            terminations[i] = refs[i].terminated().toCompletableFuture();
        }
        for (CompletableFuture<?> done : terminations) {
            done.join();
        }
    }
}
