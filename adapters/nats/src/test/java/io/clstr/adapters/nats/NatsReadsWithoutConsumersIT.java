package io.clstr.adapters.nats;

import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream and feed reads still answer, in full, when no read consumer can be created: the reader here may not
 * create consumers at all, so each creation goes unanswered, as one placed on a server that is down does. The
 * reads then follow commit links (a stream) or fetch by sequence (the feed), with direct gets.
 */
class NatsReadsWithoutConsumersIT {

    private static final AggregateType ORDER = AggregateType.of("order");
    private static final AggregateType INVOICE = AggregateType.of("invoice");

    private static NatsServer server;

    @BeforeAll
    static void startServer() throws IOException {
        Path config = Files.createTempFile("clstr-no-consumers", ".conf");
        Files.writeString(config, """
                authorization {
                  users = [
                    { user: writer, password: writer-secret }
                    { user: reader, password: reader-secret,
                      permissions: { publish: { deny: ["$JS.API.CONSUMER.CREATE.>"] } } }
                  ]
                }
                """);
        server = NatsServer.startWith(List.of("-c", config.toString()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_long_stream_and_the_feed_are_read_in_full_by_direct_gets() {
        NatsNames names = UniqueNames.natsNames();
        try (NatsClient writerClient = NatsClient.connect(settings("writer"));
                NatsEventStore writer = NatsEventStore.start(writerClient, names, NatsEventStoreSettings.defaults());
                NatsClient readerClient = NatsClient.connect(settings("reader"));
                NatsEventStore reader = NatsEventStore.start(readerClient, names, NatsEventStoreSettings.defaults())) {
            StreamId order = StreamId.of(ORDER.name(), "long");
            int length = 2 * NatsEventStoreSettings.defaults().chainReadLimit() + 10;
            for (long version = 0; version < length; version++) {
                join(writer.append(order, ExpectedVersion.exactly(version), List.of(event("o-" + version))));
                if (version % 50 == 0) {
                    join(writer.append(StreamId.of(INVOICE.name(), "i-" + version), ExpectedVersion.noStream(),
                            List.of(event("i-" + version))));
                }
            }
            List<RecordedCommit> feed = join(writer.readAll(0, 10_000, EventFilter.all()));

            List<RecordedEvent> stream = join(reader.readStream(order, 1));
            assertThat(stream).extracting(RecordedEvent::version).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, length).boxed().toList());
            assertThat(join(reader.readStream(order, 5, 200))).extracting(event -> new String(event.data(), UTF_8))
                    .containsExactlyElementsOf(stream.subList(4, 200).stream()
                            .map(event -> new String(event.data(), UTF_8)).toList());

            assertThat(feed).hasSize(length + length / 50 + 1);
            assertThat(described(join(reader.readAll(0, 10_000, EventFilter.all())))).isEqualTo(described(feed));
            assertThat(described(join(reader.readAll(0, 10_000, EventFilter.aggregateTypes(INVOICE)))))
                    .isEqualTo(described(feed.stream().filter(commit -> commit.stream().type().equals(INVOICE))
                            .toList()));
            long middle = feed.get(100).position();
            assertThat(described(join(reader.readAll(middle, 30, EventFilter.all()))))
                    .isEqualTo(described(feed.subList(101, 131)));
            assertThat(join(reader.readAll(feed.get(feed.size() - 1).position(), 100, EventFilter.all()))).isEmpty();
        }
    }

    /** One attempt per request, and short timeouts: each read gives up on its consumer after three of them. */
    private static NatsSettings settings(String user) {
        return NatsSettings.of(server.url())
                .withAuth(new NatsAuth.UserPassword(user, user + "-secret"))
                .withRequestTimeout(Duration.ofMillis(500));
    }

    /** Each commit as its position, stream and events' versions and data (events carry arrays, so no equals). */
    private static List<String> described(List<RecordedCommit> commits) {
        return commits.stream().map(commit -> commit.position() + " " + commit.stream() + " " + commit.events().stream()
                .map(event -> event.version() + "=" + new String(event.data(), UTF_8)).toList()).toList();
    }

    private static EventData event(String text) {
        return new EventData("test.appended.v1", text.getBytes(UTF_8));
    }
}
