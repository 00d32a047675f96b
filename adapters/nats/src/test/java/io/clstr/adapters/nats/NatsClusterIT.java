package io.clstr.adapters.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.testing.NatsCluster;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A replicated (R3) event stream on a 3-server cluster survives losing one server during appends. */
class NatsClusterIT {

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

        acknowledged.assertAllStoredExactlyOnce(store);
        assertThat(client.management().getStreamInfo(names.eventStream()).getClusterInfo().getLeader())
                .isNotEqualTo(cluster.server(leader).name());

        cluster.restart(leader);
        try (NatsClient onRestarted = NatsClient.connect(cluster.server(leader).settings());
                NatsEventStore readBack = NatsEventStore.start(onRestarted, names, NatsEventStoreSettings.defaults())) {
            // The restarted member catches up from the others; then it serves every acknowledged event too.
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> acknowledged.assertAllStoredExactlyOnce(readBack));
        }
        store.close();
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
