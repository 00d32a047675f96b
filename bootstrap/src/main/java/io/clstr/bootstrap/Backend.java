package io.clstr.bootstrap;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.adapters.memory.InMemoryNetwork;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.adapters.nats.NatsAuth;
import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsEventStore;
import io.clstr.adapters.nats.NatsEventStoreSettings;
import io.clstr.adapters.nats.NatsKeyValueSettings;
import io.clstr.adapters.nats.NatsKeyValueStore;
import io.clstr.adapters.nats.NatsMessageTransport;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.NatsSettings;
import io.clstr.adapters.nats.NatsSnapshotStore;
import io.clstr.adapters.nats.NatsTls;
import io.clstr.bootstrap.config.BackendKind;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.NatsConfig;
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
     * @param members the cluster's membership bucket, expiring entries after the member TTL
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

    /** The in-memory adapters, with membership entries expiring after {@code memberTtl}. */
    public static Backend inMemory(EventStore events, Duration memberTtl) {
        InMemoryNetwork network = new InMemoryNetwork();
        return new Backend(BackendKind.MEMORY, events, new InMemorySnapshotStore(), new InMemoryKeyValueStore(),
                new InMemoryKeyValueStore(memberTtl), new InMemoryKeyValueStore(), network::connect, () -> { });
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
     * this cluster, membership expiring after the member TTL.
     *
     * @throws StartupException if NATS cannot be reached or refuses the stream or buckets
     */
    public static Backend nats(ClstrConfig config, NatsNames names) {
        NatsClient client = connect(config);
        try {
            int replicas = config.nats().replicas();
            NatsKeyValueSettings buckets = NatsKeyValueSettings.defaults().withReplicas(replicas);
            String cluster = config.cluster();
            return new Backend(BackendKind.NATS,
                    NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(replicas)),
                    NatsSnapshotStore.open(client, names.snapshotBucket(), replicas),
                    NatsKeyValueStore.open(client, readModelBucket(names, cluster), buckets),
                    NatsKeyValueStore.open(client, memberBucket(names, cluster), buckets.withMaxAge(config.memberTtl())),
                    NatsKeyValueStore.open(client, leaseBucket(names, cluster), buckets),
                    () -> new NatsMessageTransport(client),
                    client);
        } catch (RuntimeException e) {
            client.close();
            throw new StartupException("NATS refused clstr's stream or buckets: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes everything {@link #nats} keeps under {@code names} for the configured cluster: the event stream,
     * the snapshot bucket and the cluster's buckets. For tools that clean up after themselves, such as a load
     * test once it has verified its run; no node may be using them.
     */
    public static void deleteNatsData(ClstrConfig config, NatsNames names) {
        try (NatsClient client = connect(config)) {
            NatsEventStore.delete(client, names);
            String cluster = config.cluster();
            for (String bucket : List.of(names.snapshotBucket(), readModelBucket(names, cluster),
                    memberBucket(names, cluster), leaseBucket(names, cluster))) {
                NatsKeyValueStore.delete(client, bucket);
            }
        }
    }

    private static NatsClient connect(ClstrConfig config) {
        NatsConfig nats = config.nats();
        try {
            return NatsClient.connect(NatsSettings.of(nats.servers().toArray(new String[0]))
                    .withConnectionName("clstr-" + config.nodeId())
                    .withAuth(auth(nats))
                    .withTls(nats.tls() ? new NatsTls.DefaultContext() : NatsTls.disabled()));
        } catch (RuntimeException e) {
            throw new StartupException("cannot connect to NATS at " + nats.servers() + ": " + e.getMessage(), e);
        }
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
