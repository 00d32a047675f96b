package io.clstr.adapters.nats.bench;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsEventStore;
import io.clstr.adapters.nats.NatsEventStoreSettings;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.NatsSnapshotStore;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Measures the NATS event store against its own nats-server (file storage, one replica) on this machine:
 * sequential appends to one aggregate, pipelined appends across 256 aggregates, and loads of 10- and
 * 1000-event aggregates with and without a snapshot. Run it with
 * {@code ./mvnw -B -pl adapters/nats -am -Pbench -DskipTests verify}; it prints a report and writes it to the
 * file named by its first argument.
 */
public final class NatsEventStoreBenchmark {

    private static final int PAYLOAD_BYTES = 200;
    private static final int RUNS = 3;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int KEYS = 256;
    private static final int SMALL_EVENTS = 10;
    private static final int LARGE_EVENTS = 1000;
    private static final int TAIL = 3;
    /** Commits of other aggregates between two commits of a large one, as in a busy stream. */
    private static final int NOISE_PER_ROUND = 100;

    private final byte[] payload = new byte[PAYLOAD_BYTES];
    private final StringBuilder report = new StringBuilder();
    private final NatsClient client;
    private final NatsServer server;

    private NatsEventStoreBenchmark(NatsServer server, NatsClient client) {
        this.server = server;
        this.client = client;
        new Random(42).nextBytes(payload);
    }

    public static void main(String[] args) throws Exception {
        try (NatsServer server = NatsServer.start(); NatsClient client = NatsClient.connect(server.settings())) {
            NatsEventStoreBenchmark benchmark = new NatsEventStoreBenchmark(server, client);
            benchmark.run();
            if (args.length > 0) {
                Files.writeString(Path.of(args[0]), benchmark.report, StandardCharsets.UTF_8);
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        line("# NATS event store benchmark");
        line("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores; load average at start "
                + loadAverage());
        line("JDK: " + System.getProperty("java.vm.name") + " " + Runtime.version());
        line("nats-server " + client.connection().getServerInfo().getVersion()
                + " on the same machine, file storage, 1 replica; payload " + PAYLOAD_BYTES + " B per event");
        line("");

        NatsEventStore store = NatsEventStore.start(client, freshNames(), NatsEventStoreSettings.defaults());
        appendsToOneKey(store);
        pipelinedAppends(store);
        loads();
        line("");
        line("load average at end " + loadAverage());
        store.close();
    }

    private void appendsToOneKey(EventStore store) {
        line("## Sequential appends to one aggregate (each waits for its acknowledgement)");
        StreamId stream = StreamId.of("bench", "single");
        long[] version = {0};
        runFor(TimeUnit.SECONDS.toNanos(2), () -> version[0] = store.append(stream, ExpectedVersion.exactly(version[0]),
                events(1)).toCompletableFuture().join().version());
        List<Double> rates = new ArrayList<>();
        Histogram latency = new Histogram(3);
        for (int run = 0; run < RUNS; run++) {
            long count = runFor(RUN_NANOS, () -> {
                long start = System.nanoTime();
                version[0] = store.append(stream, ExpectedVersion.exactly(version[0]), events(1))
                        .toCompletableFuture().join().version();
                latency.recordValue((System.nanoTime() - start) / 1000);
            });
            rates.add(count / (RUN_NANOS / 1e9));
        }
        line(String.format("runs %s appends/s; median %.0f/s; latency p50 %d us, p99 %d us", format(rates),
                median(rates), latency.getValueAtPercentile(50), latency.getValueAtPercentile(99)));
        line("");
    }

    private void pipelinedAppends(EventStore store) throws Exception {
        line("## Pipelined appends across " + KEYS + " aggregates (one in flight per aggregate, " + KEYS
                + " in total)");
        RawPublisher raw = new RawPublisher(client, PAYLOAD_BYTES + 30);
        long[] versions = new long[KEYS];
        pipelined(store, versions, TimeUnit.SECONDS.toNanos(3));
        raw.run(KEYS, TimeUnit.SECONDS.toNanos(3));
        List<Double> rates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        double[] cpu = new double[4];
        // Alternate store and raw runs, so that both see the same machine (other load comes and goes).
        for (int run = 0; run < RUNS; run++) {
            long clientBefore = processCpuNanos();
            long serverBefore = server.cpuTime().toNanos();
            long appends = pipelined(store, versions, RUN_NANOS);
            cpu[0] += (processCpuNanos() - clientBefore) / 1000.0 / appends / RUNS;
            cpu[1] += (server.cpuTime().toNanos() - serverBefore) / 1000.0 / appends / RUNS;
            rates.add(appends / (RUN_NANOS / 1e9));
            clientBefore = processCpuNanos();
            serverBefore = server.cpuTime().toNanos();
            long publishes = raw.run(KEYS, RUN_NANOS);
            cpu[2] += (processCpuNanos() - clientBefore) / 1000.0 / publishes / RUNS;
            cpu[3] += (server.cpuTime().toNanos() - serverBefore) / 1000.0 / publishes / RUNS;
            rawRates.add(publishes / (RUN_NANOS / 1e9));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        line(String.format("event store: runs %s appends/s; median %.0f/s; CPU per append: client %.1f us,"
                + " server %.1f us", format(rates), median(rates), cpu[0], cpu[1]));
        line(String.format("raw jnats publishAsync with the OCC header, same conditions: runs %s/s; median %.0f/s;"
                + " CPU per publish: client %.1f us, server %.1f us", format(rawRates), median(rawRates), cpu[2],
                cpu[3]));
        line(String.format("event store / raw: %.0f%%; CPU-bound ceiling on %d idle cores: event store %.0f/s,"
                + " raw %.0f/s", 100 * median(rates) / median(rawRates), cores, cores * 1e6 / (cpu[0] + cpu[1]),
                cores * 1e6 / (cpu[2] + cpu[3])));
        raw.close();
        line("");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Keeps one append in flight per aggregate until the time is up; returns the appends completed. */
    private long pipelined(EventStore store, long[] versions, long nanos) throws InterruptedException {
        LongAdder completed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch drained = new CountDownLatch(KEYS);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<EventData> events = events(1);
        for (int key = 0; key < KEYS; key++) {
            appendNext(store, StreamId.of("bench", "key-" + key), versions, key, events,
                    new Pipeline(completed, stop, drained, failures));
        }
        TimeUnit.NANOSECONDS.sleep(nanos);
        long count = completed.sum();
        stop.set(true);
        if (!drained.await(30, TimeUnit.SECONDS) || !failures.isEmpty()) {
            throw new IllegalStateException("pipelined appends failed: " + failures);
        }
        return count;
    }

    private record Pipeline(LongAdder completed, AtomicBoolean stop, CountDownLatch drained, List<Throwable> failures) {
    }

    /** Appends to one aggregate; when acknowledged, appends its next version, until told to stop. */
    private static void appendNext(EventStore store, StreamId stream, long[] versions, int key,
            List<EventData> events, Pipeline pipeline) {
        store.append(stream, ExpectedVersion.exactly(versions[key]), events).whenComplete((result, error) -> {
            if (error != null) {
                pipeline.failures().add(error);
                pipeline.drained().countDown();
                return;
            }
            versions[key] = result.version();
            pipeline.completed().increment();
            if (pipeline.stop().get()) {
                pipeline.drained().countDown();
            } else {
                appendNext(store, stream, versions, key, events, pipeline);
            }
        });
    }

    private void loads() throws Exception {
        NatsNames names = freshNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults());
        NatsEventStore viaConsumer =
                NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withChainReadLimit(0));
        NatsSnapshotStore snapshots = NatsSnapshotStore.open(client, "bench-snapshots-" + System.nanoTime(), 1);
        List<StreamId> small = aggregates("small", 200);
        List<StreamId> large = aggregates("large", 20);
        // Interleaved, as aggregates live in a real stream: each aggregate's commits are far apart.
        fillInterleaved(store, small, SMALL_EVENTS, List.of());
        fillInterleaved(store, large, LARGE_EVENTS, aggregates("noise", NOISE_PER_ROUND));
        byte[] state = new byte[1024];
        for (StreamId stream : concat(small, large)) {
            long version = (stream.id().startsWith("small") ? SMALL_EVENTS : LARGE_EVENTS) - TAIL;
            RecordedEvent last = store.readStream(stream, version, version).toCompletableFuture().join().get(0);
            snapshots.save(new Snapshot(stream, version, last.position(), "bench.state.v1", 1, state, Instant.now()));
        }
        line("## Loading an aggregate (one event per commit; " + small.size() + " small aggregates interleaved, then "
                + large.size() + " large ones interleaved with " + NOISE_PER_ROUND + " other commits between two of"
                + " theirs; " + streamMessages(names) + " messages in the stream)");
        line("| aggregate | how | p50 | p99 |");
        line("|---|---|---|---|");
        measureLoads("10 events", "full read (commit links)", small, 3000, stream -> store.readStream(stream, 1));
        measureLoads("10 events", "full read (consumer)", small, 1000, stream -> viaConsumer.readStream(stream, 1));
        measureLoads("10 events", "snapshot + " + TAIL + "-event tail", small, 3000,
                stream -> loadWithSnapshot(store, snapshots, stream));
        measureLoads("1000 events", "full read (commit links)", large, 100, stream -> store.readStream(stream, 1));
        measureLoads("1000 events", "full read (consumer)", large, 100, stream -> viaConsumer.readStream(stream, 1));
        measureLoads("1000 events", "snapshot + " + TAIL + "-event tail", large, 3000,
                stream -> loadWithSnapshot(store, snapshots, stream));
        viaConsumer.close();
        store.close();
    }

    private CompletableFuture<List<RecordedEvent>> loadWithSnapshot(EventStore store, NatsSnapshotStore snapshots,
            StreamId stream) {
        Snapshot snapshot = snapshots.load(stream).orElseThrow();
        return store.readStream(stream, snapshot.version() + 1).toCompletableFuture();
    }

    private void measureLoads(String aggregate, String how, List<StreamId> streams, int samples,
            java.util.function.Function<StreamId, java.util.concurrent.CompletionStage<List<RecordedEvent>>> load) {
        Random random = new Random(7);
        for (int i = 0; i < Math.max(200, samples / 5); i++) {
            load.apply(streams.get(random.nextInt(streams.size()))).toCompletableFuture().join();
        }
        Histogram latency = new Histogram(3);
        for (int i = 0; i < samples; i++) {
            StreamId stream = streams.get(random.nextInt(streams.size()));
            long start = System.nanoTime();
            List<RecordedEvent> events = load.apply(stream).toCompletableFuture().join();
            latency.recordValue((System.nanoTime() - start) / 1000);
            if (events.isEmpty()) {
                throw new IllegalStateException("nothing loaded for " + stream);
            }
        }
        line(String.format("| %s | %s | %.2f ms | %.2f ms |", aggregate, how,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0));
    }

    private void fillInterleaved(EventStore store, List<StreamId> streams, int eventsEach, List<StreamId> noise) {
        List<EventData> events = events(1);
        for (int version = 0; version < eventsEach; version++) {
            List<CompletableFuture<AppendResult>> round = new ArrayList<>();
            for (StreamId stream : streams) {
                round.add(store.append(stream, ExpectedVersion.exactly(version), events).toCompletableFuture());
            }
            for (StreamId stream : noise) {
                round.add(store.append(stream, ExpectedVersion.exactly(version), events).toCompletableFuture());
            }
            round.forEach(CompletableFuture::join);
        }
    }

    private long streamMessages(NatsNames names) throws Exception {
        return client.management().getStreamInfo(names.eventStream()).getStreamState().getMsgCount();
    }

    private static NatsNames freshNames() {
        return NatsNames.withPrefix("bench" + System.nanoTime() % 100_000_000);
    }

    private List<EventData> events(int count) {
        List<EventData> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new EventData("bench.happened.v1", payload, Map.of()));
        }
        return events;
    }

    private static List<StreamId> aggregates(String kind, int count) {
        List<StreamId> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streams.add(StreamId.of("bench", kind + "-" + i));
        }
        return streams;
    }

    private static List<StreamId> concat(List<StreamId> first, List<StreamId> second) {
        List<StreamId> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static long runFor(long nanos, Runnable operation) {
        long count = 0;
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline) {
            operation.run();
            count++;
        }
        return count;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String format(List<Double> rates) {
        return Arrays.toString(rates.stream().mapToLong(Math::round).toArray());
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append(System.lineSeparator());
    }
}
