package io.clstr.application.cluster.bench;

import io.clstr.application.cluster.internal.EntityReply;
import io.clstr.application.cluster.internal.EntityRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frames of one routed command, as the load test's counter increments send them: the caller encodes the
 * request, the owner decodes it and encodes an accepted reply, the caller decodes that. One operation is the
 * whole exchange.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WireFramesBenchmark {

    private final EntityRequest request = new EntityRequest(EntityRequest.EXECUTE, "counter", "load-417",
            "5f0c2a9e-7d1b-4c3e-9a51-2b8f6d0e4c17", -1, 10_000, "counter.increment",
            "{\"amount\":1}".getBytes(StandardCharsets.UTF_8), 0x5DEECE66DL);
    private final EntityReply reply = new EntityReply.Accepted(1_234, false, "counter.state",
            "{\"counterId\":\"load-417\",\"value\":1234}".getBytes(StandardCharsets.UTF_8));

    @Benchmark
    public EntityReply routedCommand(Blackhole blackhole) {
        blackhole.consume(EntityRequest.decode(request.encode()));
        return EntityReply.decode(reply.encode());
    }
}
