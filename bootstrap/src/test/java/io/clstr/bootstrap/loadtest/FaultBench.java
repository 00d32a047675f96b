package io.clstr.bootstrap.loadtest;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.testing.NatsCluster;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.cluster.ClusterClient;
import io.clstr.application.cluster.ClusterSettings;
import io.clstr.application.counter.CounterTypes;
import io.clstr.bootstrap.Backend;
import io.clstr.bootstrap.Node;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigParser;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The production shape in one JVM, for fault-injection tests: clstr nodes (each with its own NATS connection and
 * the default timings) on a three-server NATS cluster with three replicas, under load from the load test's driver
 * (64 increments in flight over 200 counters, each retried with its command id until acknowledged). It samples
 * every node's readiness, served shards and singletons every 100 ms and the acknowledged increments every second,
 * and ends with the load test's exactly-once verification.
 */
final class FaultBench implements AutoCloseable {

    static final int KEYS = 200;
    static final int IN_FLIGHT = 64;
    static final Duration MEMBER_TTL = Duration.ofSeconds(5);
    private static final String LEADER_ELECTED = "$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

    final NatsCluster nats;
    final String run = "ft" + UUID.randomUUID().toString().substring(0, 8);
    final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-bench-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    /** Acknowledged increments per second, index = second since the load started. */
    private final List<Long> perSecond = new CopyOnWriteArrayList<>();
    /** When (bench ms) JetStream announced a new leader, per stream, in order. */
    private final Map<String, List<Long>> leaderElections = new ConcurrentHashMap<>();
    private NatsClient observer;
    private Backend clientBackend;
    private DirectTarget target;
    private LoadGenerator load;
    private ScheduledExecutorService retryTimers;
    private long loadStartedNanos;

    /** What one node looked like at one instant. */
    record NodeState(boolean ready, int servedShards, List<String> singletons) {
    }

    /** All nodes at one instant (ms since the bench started). */
    record Sample(long atMillis, Map<String, NodeState> nodes) {
    }

    private FaultBench(NatsCluster nats) {
        this.nats = nats;
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A fresh three-server NATS cluster; {@link #startNodes} starts the clstr nodes. */
    static FaultBench onFreshNatsCluster() {
        return new FaultBench(NatsCluster.start(3));
    }

    ClstrConfig config(String nodeId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CLSTR_BACKEND", "nats");
        environment.put("CLSTR_NATS_URL", nats.servers().stream().map(NatsServer::url)
                .collect(Collectors.joining(",")));
        environment.put("CLSTR_NATS_REPLICAS", "3");
        environment.put("CLSTR_NODE_ID", nodeId);
        environment.put("CLSTR_CLUSTER", run);
        environment.put("CLSTR_HTTP_PORT", "0");
        return new ConfigParser(environment).parse(List.of());
    }

    NatsNames names() {
        return NatsNames.withPrefix(run);
    }

    /** Starts nodes {@code node-1..node-n} all at once, as a deployment would, each with its own clock. */
    FaultBench startNodes(List<Clock> clocks) {
        List<CompletableFuture<Node>> starting = new ArrayList<>();
        for (int i = 0; i < clocks.size(); i++) {
            String id = "node-" + (i + 1);
            Clock clock = clocks.get(i);
            starting.add(CompletableFuture.supplyAsync(() -> startNode(id, clock)));
        }
        starting.forEach(node -> nodes.add(node.join()));
        return this;
    }

    FaultBench startNodes(int count) {
        List<Clock> clocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clocks.add(Clock.systemUTC());
        }
        return startNodes(clocks);
    }

    Node startNode(String id, Clock clock) {
        ClstrConfig config = config(id);
        return Node.start(config, Backend.nats(config, names()), clock);
    }

    Node node(String id) {
        return nodes.stream().filter(node -> node.config().nodeId().equals(id)).findFirst().orElseThrow();
    }

    /** Keeps {@link #IN_FLIGHT} increments in flight from a routing client with its own connection. */
    void startLoad() {
        ClstrConfig clientConfig = config("fault-bench-client");
        clientBackend = Backend.nats(clientConfig, names());
        MessageTransport transport = clientBackend.connectTransport();
        ActorSystem timers = ActorSystem.create("fault-bench-client");
        ClusterSettings settings = ClusterSettings.defaults(clientConfig.nodeId()).withCluster(run)
                .withShardCount(clientConfig.shards());
        ClusterClient client = ClusterClient.routing(settings, transport, new JacksonCodec(CounterTypes.catalog()),
                timers.scheduler(), ClusterMetrics.NOOP);
        target = new DirectTarget(client, clientConfig.requestTimeout(), () -> {
            transport.close();
            timers.close();
        });
        retryTimers = Executors.newSingleThreadScheduledExecutor();
        load = new LoadGenerator(target, KEYS, retryTimers);
        loadStartedNanos = System.nanoTime();
        load.start(IN_FLIGHT);
        sampler.scheduleAtFixedRate(this::sampleThroughput, 1, 1, TimeUnit.SECONDS);
    }

    /** Milliseconds since the bench started. */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Lets the scenario run until the bench clock reaches {@code benchMillis}, sampling all along. */
    void runUntil(long benchMillis) {
        Awaitility.await("bench time " + benchMillis + " ms").atMost(Duration.ofMillis(benchMillis - now() + 5_000))
                .pollInterval(Duration.ofMillis(50)).until(() -> now() >= benchMillis);
    }

    void runFor(Duration duration) {
        runUntil(now() + duration.toMillis());
    }

    // ------------------------------------------------------------------ NATS

    /** The streams and buckets of this run: events, snapshots, read models, membership, leases. */
    List<String> streams() {
        return List.of(eventStream(), "KV_" + names().snapshotBucket(), "KV_" + names().bucket("read-models-" + run),
                membersStream(), leasesStream());
    }

    String membersStream() {
        return "KV_" + names().bucket("members-" + run);
    }

    String leasesStream() {
        return "KV_" + names().bucket("leases-" + run);
    }

    String eventStream() {
        return names().eventStream();
    }

    /** The name of the server leading a stream (a bucket's stream is {@code KV_<bucket>}). */
    String leaderOf(String stream) {
        try {
            return observer().management().getStreamInfo(stream).getClusterInfo().getLeader();
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the leader of " + stream, e);
        }
    }

    int indexOf(String serverName) {
        for (int i = 0; i < nats.servers().size(); i++) {
            if (nats.server(i).name().equals(serverName)) {
                return i;
            }
        }
        throw new IllegalStateException("no server named " + serverName);
    }

    /**
     * Moves the leadership of these streams off a server (asking the leader to step down until another server
     * leads), so that losing the server tests one fault at a time.
     */
    void moveLeadersOff(String server, List<String> streams) {
        for (String stream : streams) {
            Awaitility.await("leader of " + stream + " off " + server).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        String leader = leaderOf(stream);
                        if (leader == null || leader.isEmpty()) {
                            return false;
                        }
                        if (leader.equals(server)) {
                            observer().connection().request("$JS.API.STREAM.LEADER.STEPDOWN." + stream, new byte[0],
                                    Duration.ofSeconds(2));
                            return false;
                        }
                        return true;
                    });
        }
    }

    /** Waits until every NATS server is running and current (caught up on every stream). */
    void awaitNatsCurrent() {
        Awaitility.await("every NATS server current").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> nats.servers().stream().allMatch(NatsServer::isCurrent));
    }

    private NatsClient observer() {
        if (observer == null) {
            observer = NatsClient.connect(nats.settings());
            observer.connection().createDispatcher(advisory -> leaderElections
                    .computeIfAbsent(advisory.getSubject().substring(LEADER_ELECTED.length()),
                            stream -> new CopyOnWriteArrayList<>())
                    .add(now())).subscribe(LEADER_ELECTED + ">");
        }
        return observer;
    }

    /**
     * Milliseconds from {@code sinceMillis} until JetStream announced a new leader of {@code stream}: how long NATS
     * itself could not take writes to it. Waits up to 30 s for the announcement.
     */
    long leaderElectedAfter(String stream, long sinceMillis) {
        return Awaitility.await("a new leader of " + stream).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> leaderElections.getOrDefault(stream, List.of()).stream()
                        .filter(at -> at >= sinceMillis).findFirst(), Optional::isPresent)
                .orElseThrow() - sinceMillis;
    }

    // ------------------------------------------------------------------ samples

    private void sample() {
        Map<String, NodeState> states = new HashMap<>();
        for (Node node : nodes) {
            int served = 0;
            for (int shard = 0; shard < node.config().shards(); shard++) {
                if (node.cluster().serves(shard)) {
                    served++;
                }
            }
            states.put(node.config().nodeId(), new NodeState(node.cluster().isReady(), served,
                    node.singletonsRunningHere()));
        }
        samples.add(new Sample(now(), states));
    }

    private void sampleThroughput() {
        long acknowledged = load.acknowledged();
        long before = perSecond.stream().mapToLong(Long::longValue).sum();
        perSecond.add(acknowledged - before);
    }

    private List<Sample> between(long fromMillis, long toMillis) {
        return samples.stream().filter(sample -> sample.atMillis() >= fromMillis && sample.atMillis() <= toMillis)
                .toList();
    }

    /** The longest time (ms) any node was continuously not ready between two instants. */
    long longestUnready(long fromMillis, long toMillis) {
        long longest = 0;
        for (String id : nodeIds()) {
            long since = -1;
            for (Sample sample : between(fromMillis, toMillis)) {
                NodeState state = sample.nodes().get(id);
                boolean ready = state != null && state.ready();
                if (!ready && since < 0) {
                    since = sample.atMillis();
                } else if (ready && since >= 0) {
                    longest = Math.max(longest, sample.atMillis() - since);
                    since = -1;
                }
            }
            if (since >= 0) {
                longest = Math.max(longest, toMillis - since);
            }
        }
        return longest;
    }

    /** Whether, in every sample between two instants, no node was ready and no node served any shard. */
    boolean noneReadyNorServing(long fromMillis, long toMillis) {
        return between(fromMillis, toMillis).stream().allMatch(sample -> sample.nodes().values().stream()
                .noneMatch(state -> state.ready() || state.servedShards() > 0));
    }

    /** The first instant after {@code fromMillis} at which every node was ready, or -1. */
    long allReadyAt(long fromMillis) {
        return samples.stream().filter(sample -> sample.atMillis() >= fromMillis)
                .filter(sample -> sample.nodes().size() == nodes.size()
                        && sample.nodes().values().stream().allMatch(NodeState::ready))
                .mapToLong(Sample::atMillis).findFirst().orElse(-1);
    }

    /** Waits (up to a minute) until a sample shows every node ready; returns when, or -1. */
    long awaitAllReady(long fromMillis) {
        Awaitility.await("every node ready").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> allReadyAt(fromMillis) >= 0);
        return allReadyAt(fromMillis);
    }

    /** How many samples saw one singleton running on two nodes at once. */
    long samplesWithASingletonTwice() {
        return samples.stream().filter(sample -> {
            Map<String, Long> running = sample.nodes().values().stream().flatMap(state -> state.singletons().stream())
                    .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
            return running.values().stream().anyMatch(count -> count > 1);
        }).count();
    }

    /** Whether some node ran the singletons in the last sample. */
    boolean singletonRunsSomewhere() {
        Sample last = samples.get(samples.size() - 1);
        return last.nodes().values().stream().anyMatch(state -> !state.singletons().isEmpty());
    }

    // ------------------------------------------------------------------ throughput

    /** The second of the load (0-based) that contains a bench instant. */
    int secondOf(long benchMillis) {
        long loadStartMillis = TimeUnit.NANOSECONDS.toMillis(loadStartedNanos - startedNanos);
        return (int) ((benchMillis - loadStartMillis) / 1000);
    }

    List<Long> perSecond() {
        return List.copyOf(perSecond);
    }

    /** Mean increments per second over whole seconds [from, to). */
    double rate(int fromSecond, int toSecond) {
        List<Long> series = perSecond();
        return series.subList(Math.max(0, fromSecond), Math.min(toSecond, series.size())).stream()
                .mapToLong(Long::longValue).average().orElse(0);
    }

    /** Seconds from {@code second} until a second reached {@code fraction} of {@code baseline}, or -1. */
    int secondsUntil(int second, double fraction, double baseline) {
        List<Long> series = perSecond();
        for (int s = second; s < series.size(); s++) {
            if (series.get(s) >= fraction * baseline) {
                return s - second;
            }
        }
        return -1;
    }

    /**
     * The lowest mean over {@code window} whole seconds between two seconds. Single seconds swing by a fifth on two
     * shared cores (a collection, the JIT); a window as long as the baseline's compares like with like.
     */
    double lowestRate(int fromSecond, int toSecond, int window) {
        double lowest = Double.MAX_VALUE;
        for (int s = fromSecond; s + window <= toSecond; s++) {
            lowest = Math.min(lowest, rate(s, s + window));
        }
        return lowest;
    }

    /** Failed requests by kind: requests that failed after the client's own retries within the request timeout. */
    Map<String, Long> failedRequests() {
        return load.errors();
    }

    long failedRequestCount() {
        return failedRequests().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Stops the load, waits for what is in flight, and checks every acknowledged increment is stored exactly once,
     * reading once every server is current again (a replica still catching up would serve a partial read).
     */
    Verification.Result stopLoadAndVerify() throws InterruptedException {
        long unresolved = load.drain(Duration.ofSeconds(60));
        awaitNatsCurrent();
        Verification.Result result = Verification.check(load.acknowledgedPerCounter(),
                LoadTest.storedIncrements(clientBackend.events()), unresolved);
        printEachStreamOf(result.problems());
        return result;
    }

    /**
     * Reads each counter a problem names again, by its own stream rather than through the feed, and prints its
     * versions and positions: tells a store that lost or doubled a commit from a feed read that skipped one.
     */
    private void printEachStreamOf(List<String> problems) {
        problems.stream().filter(problem -> problem.startsWith("load-") && problem.contains(":"))
                .map(problem -> problem.substring(0, problem.indexOf(':'))).distinct().limit(5)
                .forEach(counter -> {
                    try {
                        List<RecordedEvent> events = clientBackend.events()
                                .readStream(new StreamId(CounterAggregate.TYPE, counter), 1).toCompletableFuture()
                                .join();
                        System.out.println("STREAM " + counter + " read by itself: " + events.size() + " events; "
                                + events.stream().map(event -> event.version() + "@" + event.position())
                                        .collect(Collectors.joining(" ")));
                    } catch (RuntimeException e) {
                        // The read refuses a stream it finds broken; the refusal is the diagnosis, and the
                        // verification's own report must still be printed.
                        System.out.println("STREAM " + counter + " could not be read by itself: " + e);
                    }
                });
    }

    /** One row of the fault table, printed to the test's output. */
    void report(String fault, String details, Verification.Result verification) {
        System.out.printf(Locale.ROOT, "FAULT %s | %s | failed requests %d %s | verified %s (%d acknowledged)"
                + " | per second %s%n", fault, details, failedRequestCount(), failedRequests(),
                verification.verified(), verification.acknowledged(), perSecond());
    }

    List<String> nodeIds() {
        return nodes.stream().map(node -> node.config().nodeId()).toList();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        nodes.forEach(Node::stop);
        try {
            if (target != null) {
                target.close();
            }
            if (clientBackend != null) {
                clientBackend.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (retryTimers != null) {
                retryTimers.shutdownNow();
            }
            if (observer != null) {
                observer.close();
            }
            nats.close();
        }
    }
}
