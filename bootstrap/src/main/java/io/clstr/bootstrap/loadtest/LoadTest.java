package io.clstr.bootstrap.loadtest;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.cluster.ClusterClient;
import io.clstr.application.cluster.ClusterSettings;
import io.clstr.application.counter.CounterTypes;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.bootstrap.Backend;
import io.clstr.bootstrap.JarCommand;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.MessageTransport;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The {@code loadtest} command: keeps increments in flight against a cluster for a while, measures
 * throughput and latency, then proves that every acknowledged increment was stored exactly once.
 */
public final class LoadTest {

    public static final int EXIT_VERIFIED = 0;
    public static final int EXIT_NOT_VERIFIED = 1;
    public static final int EXIT_USAGE = 2;

    /** The jar's {@code loadtest} command; it takes NATS settings from the process environment. */
    public static final JarCommand COMMAND = new JarCommand() {
        @Override
        public String word() {
            return "loadtest";
        }

        @Override
        public String summary() {
            return "drive a cluster with load (loadtest --help)";
        }

        @Override
        public int run(List<String> arguments, PrintStream out) {
            return new LoadTest(out).run(arguments);
        }
    };

    private static final int VERIFICATION_PAGE = 10_000;

    private final PrintStream out;
    private final Map<String, String> environment;

    /** Takes NATS settings ({@code CLSTR_NATS_*}) from the process environment. */
    public LoadTest(PrintStream out) {
        this(out, System.getenv());
    }

    /** @param environment where the {@code CLSTR_NATS_*} settings come from, as for a node */
    public LoadTest(PrintStream out, Map<String, String> environment) {
        this.out = out;
        this.environment = Map.copyOf(environment);
    }

    /** Runs the command with its arguments; returns the exit code. */
    public int run(List<String> args) {
        if (args.contains("--help")) {
            out.print(LoadTestOptions.USAGE);
            return EXIT_VERIFIED;
        }
        LoadTestOptions options;
        try {
            options = LoadTestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("clstr loadtest: " + e.getMessage());
            out.print(LoadTestOptions.USAGE);
            return EXIT_USAGE;
        }
        LatencyLog log;
        try {
            log = LatencyLog.open(options.output());
        } catch (UncheckedIOException e) {
            out.println("clstr loadtest: " + e.getMessage());
            return EXIT_USAGE;
        }
        try (log) {
            Optional<LoadTestReport.Baseline> baseline = options.baseline() ? Optional.of(baseline(options, log))
                    : Optional.empty();
            LoadTestReport report = (options.targets().isEmpty() ? inProcess(options, log) : remote(options, log))
                    .withBaseline(baseline);
            out.print(report.summary());
            out.println(report.json());
            return report.verification().verified() ? EXIT_VERIFIED : EXIT_NOT_VERIFIED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("clstr loadtest: interrupted");
            return EXIT_NOT_VERIFIED;
        }
    }

    /** The bare floor under the same load as the run that follows. */
    private LoadTestReport.Baseline baseline(LoadTestOptions options, LatencyLog log) throws InterruptedException {
        ClstrConfig config = LocalCluster.config(options, environment, "loadtest-floor", "loadtest-floor");
        try (Floor floor = Floor.of(options, config)) {
            out.println("baseline: " + floor.description());
            Measurement measurement = measure(options, floor, null, log, Optional.of("baseline"));
            if (measurement.unresolved > 0) {
                out.printf(Locale.ROOT, "baseline: %,d increments still unanswered after the drain%n",
                        measurement.unresolved);
            }
            return new LoadTestReport.Baseline(floor.description(), measurement.ops, measurement.seconds,
                    measurement.latency, measurement.series);
        }
    }

    private LoadTestReport inProcess(LoadTestOptions options, LatencyLog log) throws InterruptedException {
        out.printf(Locale.ROOT, "starting %d %s node(s)...%n", options.nodes(), options.backend());
        try (LocalCluster cluster = new LocalCluster(options, environment).start()) {
            ClstrConfig clientConfig = cluster.config("loadtest-client");
            Backend clientBackend = cluster.backend(clientConfig);
            try (LoadTarget target = target(options, cluster, clientConfig, clientBackend)) {
                Measurement measurement = measure(options, target, cluster, log, Optional.empty());
                long heapMb = heapAfterGc(); // the cluster's footprint, before verification reads every event
                out.println("verifying: reading every counter's events...");
                Verification.Result verification = Verification.check(measurement.acknowledged,
                        storedIncrements(clientBackend.events()), measurement.unresolved);
                if (!verification.verified() && options.backend().equals("nats")) {
                    out.println("keeping the run's NATS streams and buckets for inspection: prefix "
                            + cluster.keepData());
                }
                return report(options, measurement, verification, heapMb);
            } finally {
                if (options.backend().equals("nats")) {
                    clientBackend.close();
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("load test failed: " + e.getMessage(), e);
        }
    }

    private LoadTestReport remote(LoadTestOptions options, LatencyLog log) throws InterruptedException {
        try (LoadTarget target = new HttpTarget(options.targets(), options.requestTimeout())) {
            Measurement measurement = measure(options, target, null, log, Optional.empty());
            long heapMb = heapAfterGc();
            out.println("verifying: reading every counter over HTTP...");
            Map<String, Long> values = new HashMap<>();
            for (String counter : measurement.counters) {
                values.put(counter, target.value(counter).toCompletableFuture().join());
            }
            return report(options, measurement, Verification.checkValues(measurement.acknowledged, values,
                    measurement.unresolved), heapMb);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("load test failed: " + e.getMessage(), e);
        }
    }

    private LoadTarget target(LoadTestOptions options, LocalCluster cluster, ClstrConfig clientConfig,
            Backend clientBackend) {
        if (options.via() == LoadTestOptions.Via.HTTP) {
            return new HttpTarget(cluster.httpUrls(), options.requestTimeout());
        }
        MessageTransport transport = clientBackend.connectTransport();
        ActorSystem timers = ActorSystem.create("loadtest-client");
        ClusterSettings settings = ClusterSettings.defaults(clientConfig.nodeId()).withCluster(clientConfig.cluster())
                .withShardCount(options.shards());
        ClusterClient client = ClusterClient.routing(settings, transport,
                new JacksonCodec(CounterTypes.catalog()), timers.scheduler(), ClusterMetrics.NOOP);
        return new DirectTarget(client, options.requestTimeout(), () -> {
            transport.close();
            timers.close();
        });
    }

    /** What the load phase saw. */
    private static final class Measurement {
        List<String> counters;
        Map<String, Long> acknowledged;
        long ops;
        double seconds;
        Histogram latency;
        Map<String, Long> errors;
        long retries;
        long unresolved;
        List<LoadTestReport.Second> series = new ArrayList<>();
        Optional<Double> recovery = Optional.empty();

        List<Long> perSecond() {
            return series.stream().map(LoadTestReport.Second::ops).toList();
        }
    }

    /**
     * Drives {@code target} for the warm-up and the measured window, printing each second.
     *
     * @param cluster the in-process cluster, to kill a node of; null for any other target
     * @param tag labels the intervals in the latency log: empty for clstr's
     */
    private Measurement measure(LoadTestOptions options, Increments target, LocalCluster cluster, LatencyLog log,
            Optional<String> tag) throws InterruptedException {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "loadtest-timer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            LoadGenerator generator = new LoadGenerator(target, options.keys(), timers);
            Measurement measurement = new Measurement();
            Histogram latency = new Histogram(3);
            long warmupMillis = options.warmup().toMillis();
            long endMillis = warmupMillis + options.duration().toMillis();
            long killMillis = options.killNodeAt().map(Duration::toMillis).orElse(-1L);
            out.printf(Locale.ROOT, "load: %s over %d counter(s) via %s; warm-up %s, measuring %s%n",
                    options.rate().map(rate -> String.format(Locale.ROOT, "%,d increments/s (open loop, at most %d in"
                            + " flight)", rate, options.concurrency())).orElse(options.concurrency() + " in flight"),
                    options.keys(), options.via().name().toLowerCase(Locale.ROOT), options.warmup(),
                    options.duration());
            long started = System.nanoTime();
            if (options.rate().isPresent()) {
                generator.startAtRate(options.rate().get(), options.concurrency());
            } else {
                generator.start(options.concurrency());
            }
            long measuredFrom = -1;
            long ackedAtStart = 0;
            long previous = 0;
            int killSecond = -1;
            for (int second = 1; ; second++) {
                long wake = started + TimeUnit.SECONDS.toNanos(second);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - System.nanoTime()));
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                long acked = generator.acknowledged();
                Histogram interval = generator.intervalLatencies();
                boolean warmingUp = measuredFrom < 0;
                if (!warmingUp) {
                    latency.add(interval);
                    log.interval(interval, tag);
                }
                double p99 = interval.getTotalCount() == 0 ? 0.0 : interval.getValueAtPercentile(99) / 1000.0;
                measurement.series.add(new LoadTestReport.Second(acked - previous, p99, warmingUp));
                previous = acked;
                out.printf(Locale.ROOT, "  %3ds %,9d ops/s  p99 %7.2f ms  retries %,d%s%n", second,
                        measurement.series.get(second - 1).ops(), p99, generator.retries(),
                        warmingUp ? "  (warm-up)" : "");
                if (warmingUp && elapsedMillis >= warmupMillis) {
                    // The latencies recorded from here on are the measured window's.
                    measuredFrom = System.nanoTime();
                    ackedAtStart = acked;
                }
                if (killMillis >= 0 && killSecond < 0 && elapsedMillis >= killMillis && cluster != null) {
                    killSecond = second;
                    out.println("  killing " + cluster.killOne() + " (no handoff; its shards move when its membership"
                            + " expires)");
                }
                if (elapsedMillis >= endMillis) {
                    break;
                }
            }
            measurement.ops = generator.acknowledged() - ackedAtStart;
            measurement.seconds = (System.nanoTime() - measuredFrom) / 1e9;
            measurement.latency = latency;
            out.println("draining the increments still in flight...");
            measurement.unresolved = generator.drain(options.requestTimeout().multipliedBy(3));
            measurement.counters = generator.counterIds();
            measurement.acknowledged = generator.acknowledgedPerCounter();
            measurement.errors = generator.errors();
            measurement.retries = generator.retries();
            if (killSecond > 0) {
                measurement.recovery = LoadTestReport.recovery(measurement.perSecond(), killSecond);
            }
            return measurement;
        } finally {
            timers.shutdownNow();
        }
    }

    /**
     * Every stored increment, grouped by counter, read from the global feed in one pass: one sequential read
     * of the log instead of a filtered read per counter, and it also sees events of counters nobody asked for.
     */
    static Map<String, List<Verification.StoredIncrement>> storedIncrements(EventStore store) {
        Map<String, List<Verification.StoredIncrement>> stored = new HashMap<>();
        EventFilter counters = EventFilter.aggregateTypes(CounterAggregate.TYPE);
        long after = 0;
        while (true) {
            List<RecordedCommit> page = store.readAll(after, VERIFICATION_PAGE, counters).toCompletableFuture().join();
            if (page.isEmpty()) {
                return stored;
            }
            for (RecordedCommit commit : page) {
                List<Verification.StoredIncrement> increments =
                        stored.computeIfAbsent(commit.stream().id(), id -> new ArrayList<>());
                for (RecordedEvent event : commit.events()) {
                    increments.add(new Verification.StoredIncrement(event.version(),
                            event.metadata().get(EventEnvelope.COMMAND_ID), commit.position()));
                }
            }
            after = page.get(page.size() - 1).position();
        }
    }

    private static LoadTestReport report(LoadTestOptions options, Measurement measurement,
            Verification.Result verification, long heapMb) {
        return new LoadTestReport(options, measurement.ops, measurement.seconds, measurement.latency,
                measurement.errors, measurement.retries, verification, heapMb, measurement.series,
                measurement.recovery, Optional.empty());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
