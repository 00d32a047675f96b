package io.clstr.adapters.nats;

import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A nats-server restarted on the same store: nothing acknowledged is lost, and clients carry on. */
class NatsRestartIT {

    private NatsServer server;
    private NatsClient client;

    @BeforeEach
    void startServer() {
        server = NatsServer.start();
        client = NatsClient.connect(server.settings());
    }

    @AfterEach
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keeps_every_acknowledged_event_and_resumes_appends_and_subscriptions_after_a_restart() throws Exception {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore store = NatsEventStore.start(client, names,
                NatsEventStoreSettings.defaults().withSubscriptionHeartbeat(Duration.ofMillis(300)));
        RecordingListener recorded = new RecordingListener();
        Subscription subscription = store.subscribe(0, EventFilter.all(), recorded);
        Acknowledged acknowledged;
        try (BackgroundWriter writer = new BackgroundWriter(store, 7)) {
            writer.awaitAcknowledged(100);
            server.stop();
            server.restart();
            writer.awaitAcknowledged(250);
            acknowledged = writer.stop();
        }

        assertThat(client.connection().getStatistics().getReconnects()).isPositive();
        acknowledged.assertAllStoredExactlyOnce(store);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(recorded.delivered).extracting(RecordedCommit::position)
                        .containsExactlyElementsOf(acknowledged.positionsInOrder()));
        assertThat(recorded.errors).isEmpty();
        subscription.close();
        store.close();
    }

    /**
     * A second writer's append at the same version waits until the first, sent while the server was away, is
     * settled: racing it would store both on a clustered NATS 2.9 stream, which checks the expected sequence only
     * against what it has applied.
     */
    @Test
    void an_append_waits_for_an_unsettled_earlier_append_to_the_same_stream() {
        NatsNames names = UniqueNames.natsNames();
        try (NatsEventStore store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults())) {
            StreamId stream = StreamId.of("order", "raced");
            join(store.append(stream, ExpectedVersion.noStream(), List.of(event("created")), "commit-1"));
            server.stop();

            CompletableFuture<AppendResult> first = store.append(stream, ExpectedVersion.exactly(1),
                    List.of(event("old writer")), "commit-2").toCompletableFuture();
            CompletableFuture<AppendResult> second = store.append(stream, ExpectedVersion.exactly(1),
                    List.of(event("new writer")), "commit-3").toCompletableFuture();
            server.restart();

            assertThat(join(first).version()).isEqualTo(2);
            assertThat(failureOf(second)).isInstanceOf(ConcurrencyConflictException.class);
            assertThat(join(store.readStream(stream, 1))).extracting(RecordedEvent::type)
                    .containsExactly("created", "old writer");
        }
    }

    @Test
    void ends_a_subscription_with_an_error_when_the_connection_gives_up() {
        NatsNames names = UniqueNames.natsNames();
        NatsEventStore.start(client, names, NatsEventStoreSettings.defaults()).close();
        RecordingListener recorded = new RecordingListener();
        try (NatsClient impatient = NatsClient.connect(server.settings().withReconnect(Duration.ofMillis(50), 1));
                NatsEventStore store = NatsEventStore.start(impatient, names, NatsEventStoreSettings.defaults())) {
            Subscription subscription = store.subscribe(0, EventFilter.all(), recorded);

            server.kill();

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorded.errors).hasSize(1));
            assertThat(recorded.errors.get(0)).isInstanceOf(EventStoreException.class).hasMessageContaining("closed");
            subscription.close();
        }
        server.restart();
    }

    @Test
    void keeps_key_value_entries_across_a_restart() {
        NatsKeyValueStore keyValue = NatsKeyValueStore.open(client, UniqueNames.bucket("kv"),
                NatsKeyValueSettings.defaults());
        long revision = keyValue.put("members/node-1", "alive".getBytes(UTF_8));

        server.stop();
        server.restart();

        KeyValueEntry entry = Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> keyValue.get("members/node-1").orElseThrow(), found -> true);
        assertThat(entry.revision()).isEqualTo(revision);
        assertThat(new String(entry.value(), UTF_8)).isEqualTo("alive");
        keyValue.close();
    }

    private static EventData event(String type) {
        return new EventData(type, type.getBytes(UTF_8), Map.of());
    }
}
