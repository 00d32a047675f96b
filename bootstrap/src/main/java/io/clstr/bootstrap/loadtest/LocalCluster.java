package io.clstr.bootstrap.loadtest;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.bootstrap.Backend;
import io.clstr.bootstrap.Node;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigParser;
import io.clstr.bootstrap.config.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The nodes a load test starts in its own process, wired exactly as {@code java -jar clstr.jar} wires one.
 * On the memory backend they share one in-memory backend (store, key-value buckets and network); on NATS
 * each has its own connection, as separate processes would, under a stream and bucket prefix of its own
 * run so runs never see each other's data; closing the cluster deletes that data unless asked to keep it.
 * Nodes take the {@code CLSTR_NATS_*} settings of the environment (credentials, TLS, replicas), as a node does,
 * and the entity settings a run may vary ({@code CLSTR_SNAPSHOT_EVERY}, {@code CLSTR_IDLE_TIMEOUT},
 * {@code CLSTR_MAX_ACTIVE_ENTITIES}); the run sets everything else itself.
 */
final class LocalCluster implements AutoCloseable {

    /** Faster than the service defaults, so a killed node's shards move within a few seconds. */
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final Duration MEMBER_TTL = Duration.ofSeconds(2);

    private static final String NATS_SETTINGS = "CLSTR_NATS_";
    private static final Set<String> ENTITY_SETTINGS = Set.of(Setting.SNAPSHOT_EVERY.variable(),
            Setting.IDLE_TIMEOUT.variable(), Setting.MAX_ACTIVE_ENTITIES.variable());

    private final LoadTestOptions options;
    private final Map<String, String> environment;
    private final String run = "lt" + UUID.randomUUID().toString().substring(0, 8);
    private final Backend sharedMemory;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Node> killed = new ArrayList<>();
    private boolean keepData;

    /** @param environment the process environment: its NATS and entity settings are used */
    LocalCluster(LoadTestOptions options, Map<String, String> environment) {
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.sharedMemory = options.backend().equals("memory")
                ? Backend.inMemory(new InMemoryEventStore(), MEMBER_TTL) : null;
    }

    LocalCluster start() {
        for (int i = 1; i <= options.nodes(); i++) {
            ClstrConfig config = config("node-" + i);
            nodes.add(Node.start(config, backend(config)));
        }
        return this;
    }

    /** A backend for a client (or a node) of this run: shared in memory, its own connection on NATS. */
    Backend backend(ClstrConfig config) {
        return sharedMemory != null ? sharedMemory : Backend.nats(config, names());
    }

    /** Leaves this run's streams and buckets on the NATS server when the cluster closes, and says where. */
    String keepData() {
        keepData = true;
        return names().prefix();
    }

    private NatsNames names() {
        return NatsNames.withPrefix(run);
    }

    ClstrConfig config(String nodeId) {
        return config(options, environment, run, nodeId);
    }

    /** The configuration of a node (or client) {@code nodeId} of cluster {@code cluster}, as this run sets it up. */
    static ClstrConfig config(LoadTestOptions options, Map<String, String> processEnvironment, String cluster,
            String nodeId) {
        Map<String, String> environment = new HashMap<>();
        processEnvironment.forEach((name, value) -> {
            if (name.startsWith(NATS_SETTINGS) || ENTITY_SETTINGS.contains(name)) {
                environment.put(name, value);
            }
        });
        options.natsUrl().ifPresent(url -> environment.put("CLSTR_NATS_URL", url));
        environment.put("CLSTR_BACKEND", options.backend());
        environment.put("CLSTR_NODE_ID", nodeId);
        environment.put("CLSTR_CLUSTER", cluster);
        environment.put("CLSTR_SHARDS", String.valueOf(options.shards()));
        environment.put("CLSTR_HTTP_PORT", "0");
        environment.put("CLSTR_REQUEST_TIMEOUT", options.requestTimeout().toMillis() + "ms");
        environment.put("CLSTR_HEARTBEAT_INTERVAL", HEARTBEAT.toMillis() + "ms");
        environment.put("CLSTR_MEMBER_TTL", MEMBER_TTL.toMillis() + "ms");
        environment.put("CLSTR_SHUTDOWN_TIMEOUT", "10s");
        return new ConfigParser(environment).parse(List.of());
    }

    List<URI> httpUrls() {
        List<URI> urls = new ArrayList<>();
        for (Node node : nodes) {
            if (!killed.contains(node)) {
                urls.add(URI.create(node.httpUrl()));
            }
        }
        return urls;
    }

    /** Kills the last node as a crash would (no handoff, no goodbye); returns its id. */
    String killOne() {
        Node victim = nodes.get(nodes.size() - 1);
        killed.add(victim);
        victim.crash();
        return victim.config().nodeId();
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (!killed.contains(node)) {
                node.stop();
            }
        }
        if (sharedMemory == null && !keepData) {
            Backend.deleteNatsData(config("loadtest-cleanup"), names());
        }
    }
}
