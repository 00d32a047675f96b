package io.clstr.application.actor.bench;

import io.clstr.application.actor.ActorOptions;
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
 * Tell throughput: one sender thread tells a batch of messages round-robin over {@code actors}
 * actors, then waits until every actor has handled its share (one flush ask per actor, which the
 * mailbox order places behind its tells). Counts handled messages per second, end to end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TellBenchmark {

    private static final int BATCH = 100_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    sealed interface Command permits Work, Flush {
    }

    record Work(long amount) implements Command {
    }

    record Flush() implements Command {
    }

    static final class Sum {
        long value;
    }

    @Param({"1", "1000"})
    public int actors;

    private ActorSystem system;
    private ActorRef<Command>[] refs;
    private final Work work = new Work(1);
    private final Flush flush = new Flush();
    private CompletableFuture<?>[] flushes;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        system = ActorSystem.create("tell-bench");
        Behavior<Command> summing = Behaviors.withState(Command.class, ctx -> new Sum())
                .on(Work.class, (sum, ctx, msg) -> sum.value += msg.amount())
                .on(Flush.class, (sum, ctx, msg) -> sum.value)
                .build();
        ActorOptions options = ActorOptions.defaults().withMailboxCapacity(BATCH / actors + 16);
        refs = (ActorRef<Command>[]) new ActorRef<?>[actors];
        for (int i = 0; i < actors; i++) {
            refs[i] = system.spawn("summer-" + i, summing, options);
        }
        flushes = new CompletableFuture<?>[actors];
    }

    @TearDown
    public void tearDown() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tell() {
        ActorRef<Command>[] targets = refs;
        int count = targets.length;
        for (int i = 0; i < BATCH; i++) {
            targets[i % count].tell(work);
        }
        for (int i = 0; i < count; i++) {
            flushes[i] = targets[i].ask(flush, TIMEOUT).toCompletableFuture();
        }
        for (CompletableFuture<?> done : flushes) {
            done.join();
        }
    }
}
