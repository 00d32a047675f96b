package io.clstr.adapters.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.internal.ConsumerReads;
import io.clstr.adapters.nats.testing.NatsCluster;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A replicated (R3) event stream on a 3-server cluster survives losing one server during appends. A fault suite
 * across several servers: it runs in the full profile.
 */
@Tag("long")
class NatsClusterIT {

    /**
     * How long the exactly-once read-back after a leader's death may take. In one CI run on a loaded 2-core machine
     * it ran past 30 s, the reads timing out one after another while the old leader was down. The likely cause,
     * reproduced by {@code long_stream_reads_and_feed_reads_work_while_a_server_is_down}: streams over the chain limit were
     * read through consumers that 2.9 may place on the dead server. Such reads now follow the commit links; the
     * budget keeps room for a loaded machine.
     */
    private static final Duration READ_BACK = Duration.ofSeconds(90);

    private static NatsCluster cluster;
    private static NatsClient client;

    @BeforeAll
    static void startCluster() {
        cluster = NatsCluster.start(3);
        client = NatsClient.connect(cluster.settings());
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void loses_no_acknowledged_event_and_keeps_appending_when_the_stream_leader_dies() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(3));
        StreamInfo info = client.management().getStreamInfo(names.eventStream());
        assertThat(info.getConfiguration().getReplicas()).isEqualTo(3);
        int leader;
        Acknowledged acknowledged;
        try (BackgroundWriter writer = new BackgroundWriter(store, 10)) {
            writer.awaitAcknowledged(100);
            leader = indexOf(client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader());
            cluster.server(leader).kill();
            writer.awaitAcknowledged(250);
            acknowledged = writer.stop();
        }

        // A read just after the election may find nothing until the stream's new leader serves consumers (seen once
        // in CI: "got nothing for 5000 ms"); an entity's recovery retries the same way.
        Awaitility.await().atMost(READ_BACK).ignoreExceptions()
                .untilAsserted(() -> acknowledged.assertAllStoredExactlyOnce(store));
        assertThat(client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader())
                .isNotEqualTo(cluster.server(leader).name());

        cluster.restart(leader);
        try (NatsClient onRestarted = NatsClient.connect(cluster.server(leader).settings());
                NatsEventStore readBack = NatsEventStore.start(onRestarted, names, NatsEventStoreSettings.defaults())) {
            // The restarted member catches up from the others; then it serves every acknowledged event too.
            Awaitility.await().atMost(READ_BACK).ignoreExceptions()
                    .untilAsserted(() -> acknowledged.assertAllStoredExactlyOnce(readBack));
        }
        store.close();
    }

    /**
     * A subscription to one type moves to a consumer the server filters once it has caught up; losing the server
     * that holds that consumer loses nothing: the client recreates it after the last commit it handed on.
     */
    @Test
    void a_subscription_filtered_on_the_server_delivers_every_commit_once_when_its_consumer_is_lost() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(3)
                .withSubscriptionHeartbeat(Duration.ofMillis(300)));
        RecordingListener recorded = new RecordingListener();
        Subscription orders = store.subscribe(0, EventFilter.aggregateTypes(AggregateType.of("order")), recorded);
        int host = -1;
        try {
            ConsumerInfo narrowed = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.management().getConsumers(names.eventStream()), consumers ->
                            consumers.size() == 1 && names.eventTypeFilter(AggregateType.of("order"))
                                    .equals(consumers.get(0).getConsumerConfiguration().getFilterSubject()))
                    .get(0);
            host = java.util.stream.IntStream.range(0, cluster.servers().size())
                    .filter(i -> cluster.server(i).hostsConsumer(narrowed.getName())).findFirst().orElseThrow();
            Acknowledged acknowledged;
            try (BackgroundWriter writer = new BackgroundWriter(store, 10)) {
                writer.awaitAcknowledged(100);
                cluster.server(host).kill();
                writer.awaitAcknowledged(250);
                acknowledged = writer.stop();
            }

            Awaitility.await().atMost(READ_BACK).untilAsserted(() -> assertThat(recorded.delivered)
                    .extracting(RecordedCommit::position).containsExactlyElementsOf(acknowledged.positionsInOrder()));
            assertThat(recorded.errors).isEmpty();
        } finally {
            orders.close();
            if (host >= 0) {
                cluster.restart(host);
            }
            store.close();
        }
    }

    /**
     * A writer that never retries (like an entity, which would decide anew) sees no failure when the leader dies:
     * appends that waited for the old leader are sent again, unchanged, and answered by the new one.
     */
    @Test
    void appends_waiting_for_a_dead_leader_are_answered_by_the_new_one() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(3));
        int leader = indexOf(client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader());
        Acknowledged acknowledged = new Acknowledged();
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            StreamId stream = StreamId.of("order", "w-" + w);
            work.add(writers.submit(() -> {
                for (long version = 0; !stopping.get(); version++) {
                    String commitId = stream.id() + "-" + version;
                    AppendResult result = store.append(stream, ExpectedVersion.exactly(version),
                            List.of(new EventData("test.appended.v1", commitId.getBytes(StandardCharsets.UTF_8))),
                            commitId).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    acknowledged.add(stream, commitId, result);
                }
                return null;
            }));
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.count() >= 100);
            cluster.server(leader).kill();
            int before = acknowledged.count();
            Awaitility.await("appends after the election").atMost(Duration.ofSeconds(30))
                    .until(() -> acknowledged.count() >= before + 100);
        } finally {
            stopping.set(true);
            writers.shutdown();
        }
        for (Future<?> writer : work) {
            writer.get(60, TimeUnit.SECONDS); // rethrows the first failed append
        }

        Awaitility.await().atMost(READ_BACK).ignoreExceptions()
                .untilAsserted(() -> acknowledged.assertAllStoredExactlyOnce(store));
        cluster.restart(leader);
        store.close();
    }

    /**
     * Reads through short-lived consumers keep working while one of the three servers is down: on 2.9 such a
     * consumer may be placed on the missing server and never answer. A stream longer than a chain read (so it is read
     * through a consumer) and the feed are each read ten times.
     */
    @Test
    void long_stream_reads_and_feed_reads_work_while_a_server_is_down() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(3));
        StreamId stream = StreamId.of("order", "long");
        int length = 3 * NatsEventStoreSettings.defaults().chainReadLimit();
        for (long version = 0; version < length; version++) {
            store.append(stream, ExpectedVersion.exactly(version),
                    List.of(new EventData("test.appended.v1", ("e-" + version).getBytes(StandardCharsets.UTF_8))))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // A follower this client is not connected to: the fault is a missing replica, not a lost connection.
        List<String> spared = List.of(
                client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader(),
                client.connection().getServerInfo().getServerName());
        int follower = java.util.stream.IntStream.range(0, cluster.servers().size())
                .filter(i -> !spared.contains(cluster.server(i).name())).findFirst().orElseThrow();
        cluster.server(follower).kill();
        try {
            for (int read = 0; read < 10; read++) {
                assertThat(store.readStream(stream, 1).toCompletableFuture().get(20, TimeUnit.SECONDS))
                        .as("stream read %d", read).hasSize(length);
                assertThat(store.readAll(0, length, EventFilter.all()).toCompletableFuture().get(20, TimeUnit.SECONDS))
                        .as("feed read %d", read).hasSize(length);
            }
        } finally {
            cluster.restart(follower);
            store.close();
        }
    }

    @Test
    void reads_asked_of_the_leader_are_served_by_the_stream_leader() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults().withReplicas(3));
        StreamId stream = StreamId.of("order", "placed");
        for (long version = 0; version < 3; version++) {
            store.append(stream, ExpectedVersion.exactly(version), List.of(new EventData("test.appended.v1",
                    new byte[] {1}))).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        String leader = client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader();
        Dispatcher dispatcher = client.connection().createDispatcher();
        ConsumerReads reads = new ConsumerReads(client.connection(), dispatcher, names.eventStream(), "placement-",
                Duration.ofSeconds(10), client.timers(), client.callbacks(), EventStoreException::new);
        try {
            // 2.9 puts two in three of these consumers on a follower: twenty reads on the leader by chance is (1/3)^20.
            for (int read = 0; read < 20; read++) {
                List<String> hosts = reads.read(ConsumerReads.Request.wholeStreamFrom(1).onLeader(),
                        new ConsumerReads.Collector<List<String>>() {
                            private List<String> hosts = List.of();

                            @Override
                            public boolean take(Message message) {
                                String consumer = message.metaData().getConsumer();
                                hosts = cluster.servers().stream().filter(server -> server.hostsConsumer(consumer))
                                        .map(NatsServer::name).toList();
                                return true;
                            }

                            @Override
                            public List<String> result() {
                                return hosts;
                            }
                        }).get(30, TimeUnit.SECONDS);
                assertThat(hosts).as("servers holding the consumer of read %d", read).containsExactly(leader);
            }
        } finally {
            client.connection().closeDispatcher(dispatcher);
            store.close();
        }
    }

    private static int indexOf(String serverName) {
        List<NatsServer> servers = cluster.servers();
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).name().equals(serverName)) {
                return i;
            }
        }
        throw new IllegalStateException("no cluster member named " + serverName);
    }
}
