package io.clstr.adapters.nats.testing;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsSettings;
import io.clstr.adapters.nats.NatsStartup;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A cluster of {@code nats-server -js} processes on loopback (named {@code n1}, {@code n2}, ..., routes to each
 * other, one cluster name), for tests of replicated streams and server loss. Members can be killed and
 * restarted one at a time; {@link #awaitJetStreamReady()} waits until every running member knows the JetStream
 * meta leader, which replicated streams need before they can be created; a new cluster also proves it can place
 * one.
 */
public final class NatsCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PLACEMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 2;
    private static final Pattern META_LEADER =
            Pattern.compile("\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"([^\"]+)\"");

    private final List<NatsServer> servers;

    private NatsCluster(List<NatsServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts {@code size} servers and waits until JetStream can place a stream on all of them. */
    public static NatsCluster start(int size) {
        return startFirst(size, size);
    }

    /**
     * Sets up a cluster of {@code size} servers but starts only the first {@code running} (at least a majority),
     * as when the others are late; {@link NatsServer#startAgain()} starts them. Waits until JetStream can place a
     * stream on the running ones.
     *
     * <p>Once in a CI run, a freshly started cluster with a meta leader known to every member answered "no suitable
     * peers for placement" to every stream creation for a whole minute. A cluster that cannot place a probe stream
     * is therefore replaced by a fresh one, once; what its members reported goes to the test output.
     */
    public static NatsCluster startFirst(int size, int running) {
        for (int attempt = 1; ; attempt++) {
            NatsCluster cluster = launch(size, running);
            try {
                cluster.awaitJetStreamReady();
                cluster.awaitPlacement(running);
                return cluster;
            } catch (RuntimeException e) {
                String report = cluster.report();
                cluster.close();
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException("no working NATS cluster in " + START_ATTEMPTS
                            + " attempts; the last one reported:\n" + report, e);
                }
                System.err.println("NATS cluster not usable (" + e.getMessage() + "); starting a fresh one. Its"
                        + " members reported:\n" + report);
            }
        }
    }

    private static NatsCluster launch(int size, int running) {
        Path binary = NatsServerBinary.require();
        List<Integer> routePorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            routePorts.add(NatsServer.freePort());
        }
        List<String> routes = new ArrayList<>();
        routePorts.forEach(port -> routes.add("nats-route://127.0.0.1:" + port));
        List<NatsServer> servers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            servers.add(NatsServer.create(binary, "n" + (i + 1), List.of(
                    "--cluster_name", "clstr-test",
                    "--cluster", "nats://127.0.0.1:" + routePorts.get(i),
                    "--routes", String.join(",", routes))));
        }
        NatsCluster cluster = new NatsCluster(servers);
        try {
            servers.subList(0, running).forEach(NatsServer::startProcess);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Creates and deletes a stream with one replica per running member, waiting while JetStream cannot place it. */
    private void awaitPlacement(int replicas) {
        StreamConfiguration probe = StreamConfiguration.builder().name("PLACEMENT_PROBE").subjects("placement-probe")
                .storageType(StorageType.Memory).replicas(replicas).build();
        try (NatsClient client = NatsClient.connect(settings())) {
            JetStreamManagement management = client.management();
            NatsStartup.retrying("placing a probe stream with " + replicas + " replicas", PLACEMENT_TIMEOUT, () -> {
                try {
                    return management.addStream(probe);
                } catch (IOException | JetStreamApiException e) {
                    throw new IllegalStateException(e);
                }
            });
            management.deleteStream(probe.getName());
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("placement probe failed: " + e, e);
        }
    }

    /** What each member says about JetStream's meta group, with the end of its log. */
    private String report() {
        StringBuilder report = new StringBuilder();
        for (NatsServer server : servers) {
            report.append("---- ").append(server.name()).append(server.isRunning() ? "" : " (not running)")
                    .append(": ").append(server.monitor("/jsz")).append('\n')
                    .append(server.logTail()).append('\n');
        }
        return report.toString();
    }

    public List<NatsServer> servers() {
        return servers;
    }

    /** The member at {@code index} (0-based). */
    public NatsServer server(int index) {
        return servers.get(index);
    }

    /** Settings listing every member, so the client fails over when its server dies. */
    public NatsSettings settings() {
        return NatsSettings.of(servers.stream().map(NatsServer::url).toArray(String[]::new))
                .withConnectionName("clstr-test")
                .withReconnect(Duration.ofMillis(100), -1);
    }

    /** Restarts a killed or stopped member and waits until the cluster has a meta leader again. */
    public void restart(int index) {
        servers.get(index).restart();
        awaitJetStreamReady();
    }

    /** Waits until every running member is healthy and reports the same JetStream meta leader. */
    public void awaitJetStreamReady() {
        servers.stream().filter(NatsServer::isRunning).forEach(NatsServer::awaitReady);
        Awaitility.await("a JetStream meta leader known to every running member")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<String> leaders = servers.stream()
                            .filter(NatsServer::isRunning)
                            .map(server -> metaLeader(server.monitor("/jsz")))
                            .toList();
                    return !leaders.contains("") && new HashSet<>(leaders).size() == 1;
                });
    }

    /** The name of the server that leads JetStream's meta group now, as the first running member reports it. */
    public String metaLeader() {
        return servers.stream().filter(NatsServer::isRunning).map(server -> metaLeader(server.monitor("/jsz")))
                .filter(leader -> !leader.isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running member knows a meta leader"));
    }

    @Override
    public void close() {
        servers.forEach(NatsServer::close);
    }

    private static String metaLeader(String jsz) {
        Matcher matcher = META_LEADER.matcher(jsz);
        return matcher.find() ? matcher.group(1) : "";
    }
}
