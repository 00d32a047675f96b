package io.clstr.application.actor.bench;

import io.clstr.application.actor.ActorRef;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.Behaviors;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ask round trips across many actors with many asks in flight: each invocation sends
 * {@code inFlight} asks round-robin over {@code actors} actors (each with its timeout on the timing
 * wheel), then waits for every reply. Counts completed asks per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AskBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int IN_FLIGHT = 10_000;

    record Increment(int amount) {
    }

    static final class Counter {
        int value;
    }

    @Param({"1000"})
    public int actors;

    private ActorSystem system;
    private ActorRef<Increment>[] refs;
    private final Increment increment = new Increment(1);
    private final CompletableFuture<?>[] replies = new CompletableFuture<?>[IN_FLIGHT];

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        system = ActorSystem.create("ask-bench");
        Behavior<Increment> counter = Behaviors.withState(Increment.class, ctx -> new Counter())
                .on(Increment.class, (c, ctx, msg) -> c.value += msg.amount())
                .build();
        refs = (ActorRef<Increment>[]) new ActorRef<?>[actors];
        for (int i = 0; i < actors; i++) {
            refs[i] = system.spawn("counter-" + i, counter);
        }
    }

    @TearDown
    public void tearDown() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void ask() {
        ActorRef<Increment>[] targets = refs;
        int count = targets.length;
        for (int i = 0; i < IN_FLIGHT; i++) {
            replies[i] = targets[i % count].ask(increment, TIMEOUT).toCompletableFuture();
        }
        for (CompletableFuture<?> reply : replies) {
            reply.join(); // in order: cheaper than allOf, which builds a relay future per pair
        }
    }
}
