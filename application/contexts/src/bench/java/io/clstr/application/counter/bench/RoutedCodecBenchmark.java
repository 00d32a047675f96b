package io.clstr.application.counter.bench;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.application.counter.CounterTypes;
import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.domain.counter.CounterEvent;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
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
 * The JSON work of one increment that a routing client sends to the counter's owner: the client encodes the
 * command, the owner decodes it, the entity encodes its event for the store, the owner encodes the state of
 * the accepted reply and the client decodes it. One operation is all five, on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutedCodecBenchmark {

    private final Codec codec = new JacksonCodec(CounterTypes.catalog());
    private final CounterCommand.Increment command = new CounterCommand.Increment(1);
    private final Counter state = new Counter("load-417", 1_234);

    @Benchmark
    public Counter routedIncrement(Blackhole blackhole) {
        Encoded sent = codec.encode(command);
        CounterCommand.Increment received = codec.decode(sent.type(), sent.data(), CounterCommand.Increment.class);
        blackhole.consume(codec.encode(new CounterEvent.Incremented(received.amount())));
        Encoded reply = codec.encode(state);
        return codec.decode(reply.type(), reply.data(), Counter.class);
    }
}
