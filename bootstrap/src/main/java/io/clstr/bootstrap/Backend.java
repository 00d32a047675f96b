package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.adapters.memory.InMemoryNetwork;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.adapters.nats.NatsAuth;
import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsConnectException;
import io.clstr.adapters.nats.NatsCredentialsRefusedException;
import io.clstr.adapters.nats.NatsEventStore;
import io.clstr.adapters.nats.NatsEventStoreSettings;
import io.clstr.adapters.nats.NatsKeyValueSettings;
import io.clstr.adapters.nats.NatsKeyValueStore;
import io.clstr.adapters.nats.NatsMessageTransport;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.NatsSettings;
import io.clstr.adapters.nats.NatsSnapshotStore;
import io.clstr.adapters.nats.NatsStartup;
import io.clstr.adapters.nats.NatsTls;
import io.clstr.application.cluster.ClusterSettings;
import io.clstr.bootstrap.config.BackendKind;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.NatsConfig;
import io.clstr.bootstrap.config.Setting;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.snapshot.SnapshotStore;
import io.clstr.ports.out.transport.MessageTransport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The driven adapters a node works with: where its data lives (events, snapshots, read models) and how it
 * talks to the rest of its cluster (membership, shard leases, the message transport). The one place that
 * chooses between the in-memory adapters and NATS. A node closes its backend last, after everything that
 * uses it has stopped.
 *
 * <p>An in-memory backend can be shared by several nodes of one process (a cluster in one JVM): each node
 * connects its own transport to the shared network, and closing a node leaves the shared state alone.
 */
public final class Backend implements AutoCloseable {

    private static final String TLS_HINT = " (over TLS: the log above says why a handshake failed; the server's"
            + " certificate must chain to " + Setting.NATS_TLS_CA.variable() + " or the JVM's trust store and name the"
            + " host of " + Setting.NATS_URL.variable() + ", and a server that verifies clients needs "
            + Setting.NATS_TLS_CERT.variable() + " and " + Setting.NATS_TLS_KEY.variable() + ")";

    private final BackendKind kind;
    private final EventStore events;
    private final SnapshotStore snapshots;
    private final KeyValueStore keyValues;
    private final KeyValueStore members;
    private final KeyValueStore leases;
    private final Supplier<MessageTransport> transports;
    private final AutoCloseable connection;

    /**
     * @param keyValues read models and their projections' checkpoints
     * @param members the cluster's membership bucket, expiring entries long after the member TTL
     * @param leases the cluster's shard leases
     * @param transports connects a node's message transport (the node closes it)
     * @param connection what to close when the node stops (a NATS connection); nothing for memory
     */
    public Backend(BackendKind kind, EventStore events, SnapshotStore snapshots, KeyValueStore keyValues,
            KeyValueStore members, KeyValueStore leases, Supplier<MessageTransport> transports,
            AutoCloseable connection) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.events = Objects.requireNonNull(events, "events");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.keyValues = Objects.requireNonNull(keyValues, "keyValues");
        this.members = Objects.requireNonNull(members, "members");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Everything on the heap of this process: nothing to set up, nothing survives a restart. */
    public static Backend inMemory() {
        return inMemory(new InMemoryEventStore());
    }

    /** The in-memory adapters around another event store (tests put misbehaving ones here). */
    public static Backend inMemory(EventStore events) {
        return inMemory(events, Duration.ofSeconds(5));
    }

    /** The in-memory adapters, for members judged gone after {@code memberTtl}. */
    public static Backend inMemory(EventStore events, Duration memberTtl) {
        InMemoryNetwork network = new InMemoryNetwork();
        return new Backend(BackendKind.MEMORY, events, new InMemorySnapshotStore(), new InMemoryKeyValueStore(),
                new InMemoryKeyValueStore(ClusterSettings.memberEntryMaxAge(memberTtl)), new InMemoryKeyValueStore(),
                network::connect, () -> { });
    }

    /**
     * The backend the configuration asks for, connected.
     *
     * @throws StartupException if it cannot be opened
     */
    public static Backend open(ClstrConfig config) {
        if (config.backend() == BackendKind.NATS) {
            return nats(config, NatsNames.defaults());
        }
        return inMemory(new InMemoryEventStore(), config.memberTtl());
    }

    /**
     * NATS JetStream: one connection for the node, shared by every adapter; the event stream and snapshot
     * bucket of the application ({@code names}); read models, membership and shard leases in buckets of
     * this cluster.
     *
     * @throws StartupException if NATS cannot be reached or refuses the stream or buckets within the startup
     *     timeout ({@code CLSTR_NATS_STARTUP_TIMEOUT})
     */
    public static Backend nats(ClstrConfig config, NatsNames names) {
        Duration bound = config.nats().startupTimeout();
        long deadline = System.nanoTime() + bound.toNanos();
        NatsClient client = NatsStartup.retrying("connecting to " + config.nats().servers(), bound,
                () -> connectNats(config));
        try {
            int replicas = config.nats().replicas();
            NatsKeyValueSettings buckets = NatsKeyValueSettings.defaults().withReplicas(replicas);
            // Membership and leases wait at most a heartbeat for an answer: a call stuck on a server that died
            // must not hold the cluster's control threads up.
            NatsKeyValueSettings controlPlane = buckets.withRequestTimeout(config.heartbeatInterval());
            String cluster = config.cluster();
            // A fresh NATS cluster may not have elected the leaders these need yet: each step waits for it.
            return new Backend(BackendKind.NATS,
                    step("the event stream " + names.eventStream(), deadline, () -> NatsEventStore.start(client,
                            names, NatsEventStoreSettings.defaults().withReplicas(replicas))),
                    step("the snapshot bucket", deadline,
                            () -> NatsSnapshotStore.open(client, names.snapshotBucket(), replicas)),
                    step("the read-model bucket", deadline,
                            () -> NatsKeyValueStore.open(client, readModelBucket(names, cluster), buckets)),
                    step("the membership bucket", deadline,
                            () -> NatsKeyValueStore.open(client, memberBucket(names, cluster), controlPlane
                                    .withMaxAge(ClusterSettings.memberEntryMaxAge(config.memberTtl())))),
                    step("the lease bucket", deadline,
                            () -> NatsKeyValueStore.open(client, leaseBucket(names, cluster), controlPlane)),
                    () -> new NatsMessageTransport(client),
                    client);
        } catch (RuntimeException e) {
            client.close();
            throw new StartupException("NATS refused clstr's stream or buckets: " + e.getMessage(), e);
        }
    }

    private static <T> T step(String what, long deadline, Supplier<T> open) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return NatsStartup.retrying("opening " + what, left, open);
    }

    /**
     * Deletes everything {@link #nats} keeps under {@code names} for the configured cluster: the event stream,
     * the snapshot bucket and the cluster's buckets. For tools that clean up after themselves, such as a load
     * test once it has verified its run; no node may be using them.
     */
    public static void deleteNatsData(ClstrConfig config, NatsNames names) {
        try (NatsClient client = connectNats(config)) {
            NatsEventStore.delete(client, names);
            String cluster = config.cluster();
            for (String bucket : List.of(names.snapshotBucket(), readModelBucket(names, cluster),
                    memberBucket(names, cluster), leaseBucket(names, cluster))) {
                NatsKeyValueStore.delete(client, bucket);
            }
        }
    }

    /**
     * A NATS connection as a node makes it: its servers, credentials and TLS. For tools that talk to NATS
     * beside clstr, such as the load test's bare floor.
     *
     * @throws StartupException if NATS cannot be reached or refuses the credentials
     */
    public static NatsClient connectNats(ClstrConfig config) {
        NatsConfig nats = config.nats();
        try {
            return NatsClient.connect(NatsSettings.of(nats.servers().toArray(new String[0]))
                    .withConnectionName("clstr-" + config.nodeId())
                    .withAuth(auth(nats))
                    .withTls(tls(nats)));
        } catch (NatsCredentialsRefusedException e) {
            throw new StartupException(e.getMessage() + "; " + credentials(nats), e);
        } catch (NatsConnectException e) {
            throw new StartupException(e.getMessage() + (nats.tls() ? TLS_HINT : ""), e);
        } catch (RuntimeException e) {
            throw new StartupException("cannot connect to NATS at " + nats.servers() + ": " + e.getMessage()
                    + (nats.tls() ? TLS_HINT : ""), e);
        }
    }

    /** Which settings gave the credentials the server refused: names only, never values. */
    private static String credentials(NatsConfig nats) {
        if (nats.user().isPresent()) {
            return "check " + Setting.NATS_USER.variable() + " and " + Setting.NATS_PASSWORD.variable();
        }
        if (nats.token().isPresent()) {
            return "check " + Setting.NATS_TOKEN.variable();
        }
        if (nats.credentialsFile().isPresent()) {
            return "check the credentials file of " + Setting.NATS_CREDS.variable() + ", "
                    + nats.credentialsFile().get();
        }
        if (nats.nkeySeedFile().isPresent()) {
            return "check the seed file of " + Setting.NATS_NKEY.variable() + ", " + nats.nkeySeedFile().get();
        }
        return "the server wants credentials: set " + Setting.NATS_USER.variable() + " and "
                + Setting.NATS_PASSWORD.variable() + ", " + Setting.NATS_TOKEN.variable() + ", "
                + Setting.NATS_CREDS.variable() + " or " + Setting.NATS_NKEY.variable();
    }

    private static String readModelBucket(NatsNames names, String cluster) {
        return names.bucket("read-models-" + cluster);
    }

    private static String memberBucket(NatsNames names, String cluster) {
        return names.bucket("members-" + cluster);
    }

    private static String leaseBucket(NatsNames names, String cluster) {
        return names.bucket("leases-" + cluster);
    }

    private static NatsTls tls(NatsConfig nats) {
        if (!nats.tls()) {
            return NatsTls.disabled();
        }
        if (nats.tlsCaFile().isEmpty() && nats.tlsCertFile().isEmpty()) {
            return new NatsTls.DefaultContext();
        }
        return new NatsTls.Pem(nats.tlsCaFile().orElse(null), nats.tlsCertFile().orElse(null),
                nats.tlsKeyFile().orElse(null));
    }

    private static NatsAuth auth(NatsConfig nats) {
        if (nats.user().isPresent()) {
            return new NatsAuth.UserPassword(nats.user().get(), nats.password().orElse(""));
        }
        if (nats.token().isPresent()) {
            return new NatsAuth.Token(nats.token().get());
        }
        if (nats.credentialsFile().isPresent()) {
            return new NatsAuth.CredsFile(nats.credentialsFile().get());
        }
        return nats.nkeySeedFile().<NatsAuth>map(NatsAuth.NkeySeedFile::new).orElse(NatsAuth.none());
    }

    public BackendKind kind() {
        return kind;
    }

    public EventStore events() {
        return events;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public KeyValueStore keyValues() {
        return keyValues;
    }

    public KeyValueStore members() {
        return members;
    }

    public KeyValueStore leases() {
        return leases;
    }

    /** A new transport for one node. */
    public MessageTransport connectTransport() {
        return transports.get();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
