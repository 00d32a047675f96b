package io.clstr.application.cluster;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.adapters.memory.InMemoryMessageTransport;
import io.clstr.adapters.memory.InMemoryNetwork;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.eventsourcing.CountTypes;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.ActorMetrics;
import io.clstr.ports.out.metrics.ClusterMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Several cluster nodes in one JVM over the in-memory transport, key-value store and event store. */
final class ClusterFixture implements AutoCloseable {

    static final int SHARDS = 64;

    final InMemoryNetwork network = new InMemoryNetwork();
    final EventStore store = new InMemoryEventStore();
    final Duration ttl = Duration.ofMillis(800);
    final KeyValueStore members = new InMemoryKeyValueStore(ClusterSettings.memberEntryMaxAge(ttl));
    final KeyValueStore leases = new InMemoryKeyValueStore();
    final CountingCodec codec = new CountingCodec(new JacksonCodec(CountTypes.catalog()));
    final ActorSystem actors = ActorSystem.create("cluster-test");
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    final BackgroundTasks background = new BackgroundTasks("cluster-test", blocking, 2, 10_000, ActorMetrics.NOOP);
    final Map<String, TestNode> nodes = new LinkedHashMap<>();
    private final List<InMemoryMessageTransport> transports = new ArrayList<>();

    /**
     * One node: its transport, counter runtime, cluster node and client. Its views of the shared membership and
     * lease stores, and its transport, can be made to fail.
     */
    final class TestNode {
        final String id;
        final InMemoryMessageTransport transport;
        final FlakyTransport flakyTransport;
        final FlakyKeyValueStore memberStore;
        final FlakyKeyValueStore leaseStore;
        final EntityRuntime<CountCommand, CountEvent, Count> counters;
        final ClusterNode node;
        final ClusterClient client;

        TestNode(String id, EntitySettings entitySettings, Clock clock) {
            this.id = id;
            this.transport = network.connect();
            transports.add(transport);
            this.flakyTransport = new FlakyTransport(transport);
            this.memberStore = new FlakyKeyValueStore(members);
            this.leaseStore = new FlakyKeyValueStore(leases);
            this.counters = EntityRuntime.builder(new CountAggregate()).eventStore(store).codec(codec).actors(actors)
                    .background(background).settings(entitySettings).clock(clock).build();
            this.node = ClusterNode.builder(settings(id)).transport(flakyTransport).members(memberStore)
                    .leases(leaseStore).codec(codec).host(counters).clock(clock).build();
            this.client = ClusterClient.forNode(node, transport, codec, actors.scheduler(),
                    ClusterMetrics.NOOP);
        }

        CommandGateway<CountCommand, Count> gateway() {
            return client.gateway(CountAggregate.TYPE, Count.class);
        }

        /** Dies: no handoff, no goodbye; its entities and connection are gone. */
        void kill() {
            node.abort();
            transport.close();
            counters.close(Duration.ofSeconds(1));
        }
    }

    /** Counts encodings by class, to show which paths encode nothing. */
    static final class CountingCodec implements Codec {
        private final Codec codec;
        private final Map<Class<?>, Integer> encoded = new ConcurrentHashMap<>();

        CountingCodec(Codec codec) {
            this.codec = codec;
        }

        int encodings(Class<?> type) {
            return encoded.entrySet().stream().filter(entry -> type.isAssignableFrom(entry.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
        }

        @Override
        public Encoded encode(Object value) {
            encoded.merge(value.getClass(), 1, Integer::sum);
            return codec.encode(value);
        }

        @Override
        public Object decode(String type, byte[] data) {
            return codec.decode(type, data);
        }

        @Override
        public TypeCatalog catalog() {
            return codec.catalog();
        }
    }

    ClusterSettings settings(String nodeId) {
        return ClusterSettings.defaults(nodeId).withShardCount(SHARDS)
                .withTimings(Duration.ofMillis(100), ttl)
                .withAttemptTimeout(Duration.ofMillis(500))
                .withHandoffTimeout(Duration.ofSeconds(2));
    }

    TestNode start(String id) {
        return start(id, Clock.systemUTC());
    }

    /** Starts a node whose wall clock is {@code clock}. */
    TestNode start(String id, Clock clock) {
        TestNode node = create(id, clock);
        node.node.start();
        return node;
    }

    /** A node that has not joined yet (register listeners, then start it). */
    TestNode create(String id, Clock clock) {
        TestNode node = new TestNode(id, EntitySettings.defaults().withSnapshotEvery(0), clock);
        nodes.put(id, node);
        return node;
    }

    /** A client that serves no shards. */
    ClusterClient routingClient() {
        return routingClient(ClusterMetrics.NOOP);
    }

    /** A client that serves no shards and reports to {@code metrics}. */
    ClusterClient routingClient(ClusterMetrics metrics) {
        InMemoryMessageTransport transport = network.connect();
        transports.add(transport);
        return ClusterClient.routing(settings("client"), transport, codec, actors.scheduler(),
                metrics);
    }

    /** shard → owner as the nodes themselves serve them; fails if two nodes serve one shard. */
    Map<Integer, String> servedShards() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        for (TestNode node : nodes.values()) {
            for (int shard = 0; shard < SHARDS; shard++) {
                if (node.node.serves(shard)) {
                    String previous = owners.put(shard, node.id);
                    if (previous != null) {
                        throw new AssertionError("shard " + shard + " is served by " + previous + " and " + node.id);
                    }
                }
            }
        }
        return owners;
    }

    @Override
    public void close() {
        for (TestNode node : nodes.values()) {
            node.node.abort();
            node.counters.close(Duration.ofSeconds(1));
        }
        transports.forEach(InMemoryMessageTransport::close);
        background.close();
        blocking.shutdownNow();
        actors.close();
    }
}
