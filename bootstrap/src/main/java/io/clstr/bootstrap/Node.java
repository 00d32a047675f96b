package io.clstr.bootstrap;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.javalin.HttpServer;
import io.clstr.adapters.javalin.HttpSettings;
import io.clstr.adapters.javalin.PlainRoute;
import io.clstr.adapters.javalin.Route;
import io.clstr.adapters.micrometer.MicrometerMetrics;
import io.clstr.adapters.micrometer.PrometheusScrape;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.cluster.ClusterClient;
import io.clstr.application.cluster.ClusterNode;
import io.clstr.application.cluster.ClusterSettings;
import io.clstr.application.cluster.ClusterSingleton;
import io.clstr.application.context.ContextSetup;
import io.clstr.application.eventsourcing.AggregateHistory;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.application.eventsourcing.Projection;
import io.clstr.application.eventsourcing.ProjectionRunner;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.operations.HealthQuery;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clstr node, wired by hand: the composition root. Reading {@code wire} top to bottom shows every part
 * of a node and what it is built from.
 *
 * <p>Start is ordered, each part after what it needs; the node is ready (see {@link HealthQuery}) only once
 * everything runs. Stop is graceful and bounded by the shutdown timeout: readiness goes false, the node keeps
 * serving for the shutdown delay (so load balancers that poll readiness stop sending work first), HTTP stops
 * accepting and drains the requests in flight, entities passivate, the read models save their
 * checkpoint, then background work, actors, metrics and the backend close, in the reverse order of their
 * start.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    /**
     * Blocking work (snapshot I/O, catch-up reads) runs on threads of its own, never on actor threads. It waits on
     * the network, not on the CPU, so there are enough threads for many requests in flight: with four, entities
     * loading their snapshots at 1,000,000 keys waited for each other (docs/performance.md).
     */
    private static final int BACKGROUND_THREADS = Math.max(16, Runtime.getRuntime().availableProcessors());
    private static final int BACKGROUND_QUEUE = 4096;
    /** Beyond the request timeout, how long HTTP waits for the last responses to go out. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);
    /** How long start waits for the cluster to hand this node its shards before reporting "started". */
    private static final Duration STARTUP_SHARDS_TIMEOUT = Duration.ofSeconds(30);
    /** Every part gets at least this long to stop, even when an earlier one used up the shutdown timeout. */
    private static final Duration MIN_STOP_TIME = Duration.ofMillis(10);
    /** Addresses that mean "every interface". */
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    private final ClstrConfig config;
    private final Clock clock;
    private final List<ServiceContext> contexts;
    private volatile ClusterNode clusterNode;
    private volatile MessageTransport clusterTransport;
    private volatile Backend backendInUse;
    private final NodeHealth health = new NodeHealth(this::servesItsShards);
    private final List<ClusterSingleton> singletons = new CopyOnWriteArrayList<>();
    /** What has started, most recent first: stopping pops it. */
    private final Deque<Part> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<Route> httpRoutes = List.of();
    private volatile byte[] apiDocument = new byte[0];
    private volatile int httpPort = -1;
    private volatile int managementPort = -1;
    private boolean stopping;

    private Node(ClstrConfig config, Clock clock, List<ServiceContext> contexts) {
        this.config = config;
        this.clock = clock;
        this.contexts = List.copyOf(contexts);
    }

    /**
     * Starts a node with the backend its configuration chooses, and makes it ready.
     *
     * @throws StartupException if any part fails to start; the parts that had started are stopped again
     */
    public static Node start(ClstrConfig config) {
        return start(config, Backend.open(config));
    }

    /**
     * Starts a node on a backend opened elsewhere — several nodes of one process can share an in-memory
     * backend (the load test's clusters do) — and waits until it serves its shards.
     */
    public static Node start(ClstrConfig config, Backend backend) {
        return start(config, backend, Clock.systemUTC());
    }

    /**
     * Starts a node whose wall clock is {@code clock}: it stamps events and audit times; nothing the cluster
     * decides depends on it (tests start nodes with clocks tens of seconds apart to show it).
     */
    public static Node start(ClstrConfig config, Backend backend, Clock clock) {
        return start(config, backend, clock, ServiceContexts.ALL);
    }

    /** Starts a node that runs {@code contexts} rather than {@link ServiceContexts#ALL}. */
    public static Node start(ClstrConfig config, Backend backend, Clock clock, List<ServiceContext> contexts) {
        Node node = open(config, backend, clock, contexts);
        node.awaitShards(STARTUP_SHARDS_TIMEOUT);
        node.markReady();
        return node;
    }

    /** Waits until the cluster gave this node its shards (readiness stays false until it has). */
    void awaitShards(Duration timeout) {
        try {
            clusterNode.awaitReady(timeout).toCompletableFuture().join();
        } catch (CompletionException e) {
            LOG.warn("Node {} does not serve its shards yet; it reports not ready until it does", config.nodeId());
        }
    }

    private boolean servesItsShards() {
        ClusterNode cluster = clusterNode;
        return cluster != null && cluster.isReady();
    }

    /** This node's part of the cluster. */
    public ClusterNode cluster() {
        return clusterNode;
    }

    /** The names of the cluster singletons (read models) running on this node right now. */
    public List<String> singletonsRunningHere() {
        return singletons.stream().filter(ClusterSingleton::running).map(ClusterSingleton::name).toList();
    }

    /**
     * Starts every part on this backend, HTTP included, but does not make the node ready yet: probes see it
     * alive and not ready. The node owns the backend from here on and closes it when it stops.
     */
    static Node open(ClstrConfig config, Backend backend, Clock clock, List<ServiceContext> contexts) {
        Node node = new Node(config, clock, contexts);
        try {
            node.wire(backend);
            return node;
        } catch (RuntimeException e) {
            node.stop();
            if (e instanceof StartupException) {
                throw e;
            }
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private void wire(Backend backend) {
        backendInUse = backend;
        closeOnStop("backend", backend);
        // The codec prepares a reader and a writer per stored type, the slowest part to build; it needs nothing
        // else, so it is built on another core while the metrics and actors start.
        CompletableFuture<Codec> codecBuilt = CompletableFuture.supplyAsync(() -> codec(contexts));

        PrometheusScrape scrape = new PrometheusScrape();
        closeOnStop("metrics", scrape);
        MicrometerMetrics metrics = scrape.metrics();

        ActorSystem actors = ActorSystem.builder(config.nodeId()).metrics(metrics.actors()).build();
        started.push(new Part("actors", actors::close));

        ExecutorService backgroundThreads = Executors.newFixedThreadPool(BACKGROUND_THREADS,
                daemonThreads("clstr-background-" + config.nodeId() + "-"));
        started.push(new Part("background threads", timeout -> {
            backgroundThreads.shutdown();
            return awaitTermination(backgroundThreads, timeout);
        }));
        BackgroundTasks background = new BackgroundTasks("background", backgroundThreads, BACKGROUND_THREADS,
                BACKGROUND_QUEUE, metrics.actors());
        started.push(new Part("background tasks", background::close));

        Codec codec = built(codecBuilt);

        EntitySettings entitySettings = EntitySettings.defaults()
                .withIdleTimeout(config.idleTimeout())
                .withMaxActiveEntities(config.maxActiveEntities())
                .withSnapshotEvery(config.snapshotEvery());
        // One entity runtime per aggregate; the cluster hosts each of them.
        Map<AggregateType, EntityRuntime<?, ?, ?>> entities = new LinkedHashMap<>();
        for (ServiceContext context : contexts) {
            for (Aggregate<?, ?, ?> aggregate : context.core().aggregates()) {
                entities.put(aggregate.type(), entities(aggregate, backend, codec, actors, background, entitySettings,
                        metrics));
            }
        }

        // The cluster: this node serves the shards rendezvous hashing gives it; requests for other shards go to
        // their owners over the transport. Stopping hands the shards off before the entities close.
        MessageTransport transport = backend.connectTransport();
        clusterTransport = transport;
        closeOnStop("transport", transport);
        ClusterNode.Builder clusterBuilder = ClusterNode.builder(clusterSettings())
                .transport(transport)
                .members(backend.members())
                .leases(backend.leases())
                .codec(codec)
                .metrics(metrics.cluster())
                .clock(clock);
        entities.values().forEach(clusterBuilder::host);
        ClusterNode cluster = clusterBuilder.build();
        started.push(new Part("cluster", cluster::stop));
        clusterNode = cluster;
        // Services reach the entities of every shard, local or not, through the client's gateways.
        ClusterClient client = ClusterClient.forNode(cluster, transport, codec, actors.scheduler(),
                metrics.cluster());

        List<Object> useCases = new ArrayList<>(List.of(health, cluster));
        ContextSetup setup = new Setup(backend, codec, client, cluster, entities, actors, background, backgroundThreads,
                metrics, useCases);
        contexts.forEach(context -> context.core().start(setup));

        // Joins the cluster once everything that follows a shard (the read models) listens.
        cluster.start();

        HttpSettings httpSettings = new HttpSettings(config.httpAddress().orElse(null), config.httpPort(),
                config.httpMaxBodyBytes(), config.requestTimeout(), config.management().map(
                        management -> new HttpSettings.Listener(management.address().orElse(null), management.port())),
                config.problemTypeBase());
        HttpServer server = new HttpServer(httpSettings, new UseCases(useCases),
                contexts.stream().map(ServiceContext::routes).toList(), metrics.http(),
                List.of(new PlainRoute("/metrics", scrape.contentType(), scrape::scrape)));
        // In-flight requests end within the request timeout; the margin lets their answers go out.
        started.push(new Part("HTTP", timeout -> {
            server.stop(min(timeout, config.requestTimeout().plus(DRAIN_MARGIN)));
            return true;
        }));
        server.start();
        httpRoutes = server.routes();
        apiDocument = server.apiDocument();
        httpPort = server.port();
        managementPort = server.managementPort();
    }

    private ClusterSettings clusterSettings() {
        Duration attempt = min(config.requestTimeout(), Duration.ofSeconds(2));
        Duration handoff = min(config.shutdownTimeout().dividedBy(2), Duration.ofSeconds(5));
        return new ClusterSettings(config.cluster(), config.nodeId(), config.shards(), "clstr",
                config.heartbeatInterval(), config.memberTtl(), attempt, handoff);
    }

    /** What the node gives each bounded context while it starts. */
    private final class Setup implements ContextSetup {

        private final Backend backend;
        private final Codec codec;
        private final ClusterClient client;
        private final ClusterNode cluster;
        private final Map<AggregateType, EntityRuntime<?, ?, ?>> entities;
        private final ActorSystem actors;
        private final BackgroundTasks background;
        private final ExecutorService backgroundThreads;
        private final MicrometerMetrics metrics;
        private final List<Object> useCases;

        Setup(Backend backend, Codec codec, ClusterClient client, ClusterNode cluster,
                Map<AggregateType, EntityRuntime<?, ?, ?>> entities, ActorSystem actors, BackgroundTasks background,
                ExecutorService backgroundThreads, MicrometerMetrics metrics, List<Object> useCases) {
            this.backend = backend;
            this.codec = codec;
            this.client = client;
            this.cluster = cluster;
            this.entities = entities;
            this.actors = actors;
            this.background = background;
            this.backgroundThreads = backgroundThreads;
            this.metrics = metrics;
            this.useCases = useCases;
        }

        @Override
        public <C, S> CommandGateway<C, S> gateway(Aggregate<C, ?, S> aggregate) {
            return client.gateway(aggregate.type(), aggregate.stateType());
        }

        /** The history of the entity runtime this node built for the aggregate (one of the context's). */
        @Override
        @SuppressWarnings("unchecked") // the runtime was built from this very aggregate, so its types are these
        public <C, E, S> AggregateHistory<C, E, S> history(Aggregate<C, E, S> aggregate) {
            EntityRuntime<?, ?, ?> runtime = entities.get(aggregate.type());
            if (runtime == null) {
                throw new IllegalArgumentException(aggregate.type().name() + " is not an aggregate of any context");
            }
            return (AggregateHistory<C, E, S>) runtime.history();
        }

        /** The read model follows the event feed on the node serving shard 0, as a cluster singleton. */
        @Override
        public void followOnOneNode(String name, Projection projection) {
            ProjectionRunner runner = ProjectionRunner.builder(projection)
                    .eventStore(backend.events())
                    .codec(codec)
                    .checkpoints(backend.keyValues())
                    .scheduler(actors.scheduler())
                    .background(background)
                    .metrics(metrics.eventSourcing())
                    .clock(clock)
                    .build();
            ClusterSingleton singleton = new ClusterSingleton(name, cluster, runner::start, runner::stop,
                    backgroundThreads);
            closeOnStop(name, singleton);
            singletons.add(singleton.begin());
        }

        @Override
        public <T extends AutoCloseable> T closeOnStop(String name, T part) {
            Node.this.closeOnStop(name, part);
            return part;
        }

        @Override
        public void offer(Object implementation) {
            useCases.add(Objects.requireNonNull(implementation, "implementation"));
        }

        @Override
        public KeyValueStore keyValues() {
            return backend.keyValues();
        }

        @Override
        public Codec codec() {
            return codec;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Duration requestTimeout() {
            return config.requestTimeout();
        }
    }

    /** Closes {@code part} when the node stops, in the reverse order of start. */
    private void closeOnStop(String name, AutoCloseable part) {
        started.push(new Part(name, timeout -> {
            close(name, part);
            return true;
        }));
    }

    private <C, E, S> EntityRuntime<C, E, S> entities(Aggregate<C, E, S> aggregate, Backend backend, Codec codec,
            ActorSystem actors, BackgroundTasks background, EntitySettings settings, MicrometerMetrics metrics) {
        EntityRuntime<C, E, S> runtime = EntityRuntime.builder(aggregate)
                .eventStore(backend.events())
                .snapshots(backend.snapshots())
                .codec(codec)
                .actors(actors)
                .background(background)
                .settings(settings)
                .metrics(metrics.eventSourcing())
                .clock(clock)
                .build();
        started.push(new Part(aggregate.type().name() + " entities", runtime::close));
        return runtime;
    }

    /** JSON for every stored and transmitted type: events, commands, states and read model documents. */
    private static Codec codec(List<ServiceContext> contexts) {
        TypeCatalog types = TypeCatalog.empty();
        for (ServiceContext context : contexts) {
            types = types.merge(context.core().types());
        }
        return new JacksonCodec(types);
    }

    private static <T> T built(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** From now on the node takes work: readiness answers 200. */
    void markReady() {
        health.ready();
        LOG.info("Node {} is ready", config.nodeId());
    }

    /** Readiness goes false while the node still serves: load balancers stop sending work before it leaves. */
    void beginStopping() {
        health.stopping();
    }

    public ClstrConfig config() {
        return config;
    }

    /** The port HTTP listens (or, once stopped, listened) on: the one chosen when the configuration said 0. */
    public int httpPort() {
        return httpPort;
    }

    /** The port of {@code /cluster}, {@code /metrics} and health: the management port, or the HTTP port. */
    public int managementPort() {
        return managementPort;
    }

    /** Every route the node's HTTP server answers, on either listener: the contexts' and the operations'. */
    public List<Route> httpRoutes() {
        return httpRoutes;
    }

    /** The OpenAPI document the node serves: the base with the part of each context that has routes. */
    public byte[] apiDocument() {
        return apiDocument.clone();
    }

    /** Where the HTTP API answers on this machine. */
    public String httpUrl() {
        return url(config.httpAddress(), httpPort());
    }

    /** Where {@code /cluster}, {@code /metrics} and health answer: the management listener, or the API's. */
    public String managementUrl() {
        return config.management().isPresent() ? url(config.management().get().address(), managementPort())
                : httpUrl();
    }

    /** {@code localhost} for all interfaces, else the address listened on. */
    private static String url(Optional<String> address, int port) {
        String host = address.filter(chosen -> !WILDCARDS.contains(chosen)).orElse("localhost");
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Stops the node gracefully: not ready at once, still serving for the shutdown delay, then within the
     * shutdown timeout (see the class comment). Parts that do not stop in their share of the time are logged and
     * left behind. A second call waits for the first to finish.
     */
    public synchronized void stop() {
        stop(config.shutdownDelay());
    }

    private void stop(Duration delay) {
        if (stopping) {
            return;
        }
        stopping = true;
        beginStopping();
        boolean interrupted = false;
        if (!delay.isZero()) {
            LOG.info("Node {} is not ready; it serves {} ms more before it stops", config.nodeId(), delay.toMillis());
            interrupted = pause(delay);
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        while (!started.isEmpty()) {
            Part part = started.pop();
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_STOP_TIME.toNanos()));
            try {
                if (!part.stop().within(left)) {
                    LOG.warn("{} did not stop within the shutdown timeout ({})", part.name(), config.shutdownTimeout());
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed to stop", part.name(), e);
            }
        }
        LOG.info("Node {} stopped", config.nodeId());
        stopped.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Dies as a crashed process would, for fault-injection tests and the load test's {@code --kill-node-at}:
     * the node stops heartbeating and answering at once, hands nothing off and releases no lease, and its
     * connections close. The rest of the cluster notices when its membership expires. What remains in this
     * process (threads, memory) is then released without any of the graceful steps.
     */
    public synchronized void crash() {
        if (stopping) {
            return;
        }
        beginStopping();
        ClusterNode cluster = clusterNode;
        if (cluster != null) {
            cluster.abort();
        }
        closeQuietly(clusterTransport);
        closeQuietly(backendInUse);
        stop(Duration.ZERO);
    }

    /**
     * Waits out the shutdown delay, answering whether an interrupt cut it short. The interrupt ends the wait,
     * not the stop: the caller restores it once the parts have stopped, which an interrupted thread could not wait for.
     */
    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing after a crash failed: {}", e.toString());
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean awaitTermination(ExecutorService executor, Duration timeout) {
        try {
            return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void close(String name, AutoCloseable part) {
        try {
            part.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the " + name + " failed to close: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** How one started part stops: within a time limit, answering whether it made it. */
    @FunctionalInterface
    private interface Stop {
        boolean within(Duration timeout);
    }

    private record Part(String name, Stop stop) {
    }
}
