package io.clstr.adapters.nats;

import static io.clstr.ports.out.AsyncTesting.eventually;
import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.nats.testing.NatsFixture;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the NATS event store does beyond the port contract: its message layout, round trips and hygiene. */
class NatsEventStoreIT {

    private static final AggregateType ORDER = AggregateType.of("order");

    private static NatsClient client;
    private NatsNames names;
    private NatsEventStore store;

    @BeforeAll
    static void connect() {
        client = NatsClient.connect(NatsFixture.shared().settings());
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void createStore() {
        names = UniqueNames.natsNames();
        store = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults());
    }

    @AfterEach
    void deleteStream() {
        store.close();
        NatsEventStore.delete(client, names);
    }

    @Test
    void stores_one_message_per_commit_with_the_commit_id_and_the_expected_sequence() throws Exception {
        StreamId stream = StreamId.of("order", "o-1");
        AppendResult first = join(store.append(stream, ExpectedVersion.noStream(), events("a", "b", "c"), "commit-1"));
        AppendResult second = join(store.append(stream, ExpectedVersion.exactly(3), events("d"), "commit-2"));

        MessageInfo last = client.management().getLastMessage(names.eventStream(), names.eventSubject(stream));

        assertThat(client.management().getStreamInfo(names.eventStream()).getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(last.getSeq()).isEqualTo(second.position());
        assertThat(last.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("commit-2");
        assertThat(last.getHeaders().getFirst("Nats-Expected-Last-Subject-Sequence"))
                .isEqualTo(Long.toString(first.position()));
        assertThat(last.getHeaders().getFirst("Clstr-Commit")).isEqualTo("4-4");
        assertThat(last.getHeaders().keySet()).noneMatch(name -> name.endsWith("-Subject"));
    }

    @Test
    void appends_in_one_round_trip_when_the_writer_knows_the_stream_head() {
        StreamId stream = StreamId.of("order", "o-2");
        try (NatsClient own = NatsClient.connect(NatsFixture.shared().settings());
                NatsEventStore writer = NatsEventStore.start(own, names, NatsEventStoreSettings.defaults())) {
            join(writer.append(stream, ExpectedVersion.noStream(), events("a")));
            long before = own.connection().getStatistics().getRequestsSent();

            for (int version = 1; version <= 10; version++) {
                join(writer.append(stream, ExpectedVersion.exactly(version), events("e" + version)));
            }
            join(writer.append(stream, ExpectedVersion.any(), events("last")));

            assertThat(own.connection().getStatistics().getRequestsSent() - before).isEqualTo(11);
        }
    }

    @Test
    void learns_an_unknown_head_once_and_then_appends_without_asking_again() {
        StreamId stream = StreamId.of("order", "o-3");
        join(store.append(stream, ExpectedVersion.noStream(), events("a", "b")));
        try (NatsClient own = NatsClient.connect(NatsFixture.shared().settings());
                NatsEventStore writer = NatsEventStore.start(own, names, NatsEventStoreSettings.defaults())) {
            long before = own.connection().getStatistics().getRequestsSent();

            assertThat(join(writer.append(stream, ExpectedVersion.exactly(2), events("c"))).version()).isEqualTo(3);
            assertThat(join(writer.append(stream, ExpectedVersion.exactly(3), events("d"))).version()).isEqualTo(4);

            // One direct get to learn the head, then one publish per append.
            assertThat(own.connection().getStatistics().getRequestsSent() - before).isEqualTo(3);
        }
    }

    @Test
    void keeps_versions_gap_free_when_writers_on_separate_connections_race_at_any_version() throws Exception {
        StreamId stream = StreamId.of("order", "hot");
        int writers = 3;
        int appendsPerWriter = 40;
        List<NatsClient> clients = new ArrayList<>();
        List<NatsEventStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < writers; i++) {
                NatsClient own = NatsClient.connect(NatsFixture.shared().settings());
                clients.add(own);
                stores.add(NatsEventStore.start(own, names, NatsEventStoreSettings.defaults()));
            }
            List<Future<List<Long>>> work = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                NatsEventStore writer = stores.get(i);
                String name = "w" + i;
                work.add(pool.submit(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int n = 0; n < appendsPerWriter; n++) {
                        versions.add(join(writer.append(stream, ExpectedVersion.any(), events(name + "-" + n)))
                                .version());
                    }
                    return versions;
                }));
            }
            List<Long> reported = new ArrayList<>();
            for (Future<List<Long>> writer : work) {
                reported.addAll(writer.get(60, TimeUnit.SECONDS));
            }

            long total = (long) writers * appendsPerWriter;
            assertThat(reported).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            List<RecordedEvent> read = join(store.readStream(stream, 1));
            assertThat(read).extracting(RecordedEvent::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(read).extracting(event -> text(event.data())).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
            stores.forEach(NatsEventStore::close);
            clients.forEach(NatsClient::close);
        }
    }

    @Test
    void reports_a_conflict_to_a_writer_whose_cached_head_another_process_overtook() {
        StreamId stream = StreamId.of("order", "o-4");
        join(store.append(stream, ExpectedVersion.noStream(), events("a")));
        try (NatsClient own = NatsClient.connect(NatsFixture.shared().settings());
                NatsEventStore other = NatsEventStore.start(own, names, NatsEventStoreSettings.defaults())) {
            join(other.append(stream, ExpectedVersion.exactly(1), events("b")));

            assertThat(failureOf(store.append(stream, ExpectedVersion.exactly(1), events("stale"))))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThat(join(store.append(stream, ExpectedVersion.exactly(2), events("c"))).version()).isEqualTo(3);
        }
        assertThat(join(store.readStream(stream, 1))).extracting(event -> text(event.data()))
                .containsExactly("a", "b", "c");
    }

    @Test
    void reports_the_original_result_when_a_commit_is_retried_at_any_version() {
        StreamId stream = StreamId.of("order", "o-5");
        AppendResult original = join(store.append(stream, ExpectedVersion.any(), events("a", "b"), "once"));
        join(store.append(stream, ExpectedVersion.any(), events("c")));

        AppendResult retried = join(store.append(stream, ExpectedVersion.any(), events("a", "b"), "once"));

        assertThat(retried).isEqualTo(original);
        assertThat(join(store.readStream(stream, 1))).hasSize(3);
    }

    @Test
    void reads_the_same_events_along_commit_links_and_through_a_consumer() {
        StreamId stream = StreamId.of("order", "linked");
        StreamId noise = StreamId.of("order", "noise");
        long version = 0;
        for (int commit = 0; commit < 40; commit++) {
            int size = 1 + commit % 3;
            List<String> bodies = IntStream.range(0, size).mapToObj(i -> "x").toList();
            version = join(store.append(stream, ExpectedVersion.exactly(version), events(bodies.toArray(String[]::new))))
                    .version();
            join(store.append(noise, ExpectedVersion.any(), events("noise")));
        }
        NatsEventStore viaConsumer = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults()
                .withChainReadLimit(0));
        try {
            for (long[] range : new long[][] {{1, Long.MAX_VALUE}, {1, 1}, {2, 5}, {37, 41}, {version, version},
                    {version - 20, version - 3}, {version + 1, Long.MAX_VALUE}}) {
                List<RecordedEvent> linked = join(store.readStream(stream, range[0], range[1]));
                List<RecordedEvent> consumed = join(viaConsumer.readStream(stream, range[0], range[1]));
                assertThat(linked).as("versions %d..%d", range[0], range[1])
                        .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(consumed);
                long to = Math.min(range[1], version);
                assertThat(linked).extracting(RecordedEvent::version).as("versions %d..%d", range[0], range[1])
                        .containsExactlyElementsOf(LongStream.rangeClosed(range[0], to).boxed().toList());
            }
        } finally {
            viaConsumer.close();
        }
    }

    @Test
    void makes_ids_with_dots_spaces_and_wildcards_visible_to_type_filtered_subscriptions() {
        AggregateType odd = AggregateType.of("odd");
        List<StreamId> streams = List.of(new StreamId(odd, "a.b"), new StreamId(odd, "a b"), new StreamId(odd, "*"),
                new StreamId(odd, "a.*.>"), new StreamId(odd, "x.y z"));
        List<RecordedCommit> delivered = new CopyOnWriteArrayList<>();
        List<RecordedCommit> orders = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(0, EventFilter.aggregateTypes(odd), listener(delivered));
                Subscription others = store.subscribe(0, EventFilter.aggregateTypes(ORDER), listener(orders))) {
            for (StreamId stream : streams) {
                join(store.append(stream, ExpectedVersion.noStream(), events(stream.id())));
                join(store.append(StreamId.of("order", stream.id()), ExpectedVersion.noStream(), events("order")));
            }

            eventually().untilAsserted(() -> assertThat(delivered).hasSize(streams.size()));
            assertThat(delivered).extracting(RecordedCommit::stream).containsExactlyElementsOf(streams);
            assertThat(delivered).extracting(commit -> text(commit.events().get(0).data()))
                    .containsExactlyElementsOf(streams.stream().map(StreamId::id).toList());
            eventually().untilAsserted(() -> assertThat(orders).hasSize(streams.size()));
            assertThat(orders).extracting(commit -> commit.stream().type()).containsOnly(ORDER);
        }
        for (StreamId stream : streams) {
            assertThat(join(store.readStream(stream, 1))).extracting(RecordedEvent::stream).containsExactly(stream);
        }
    }

    @Test
    void a_subscription_to_one_type_has_the_server_filter_for_it_once_caught_up() throws Exception {
        JetStreamManagement management = client.management();
        StreamId order = StreamId.of("order", "o-1");
        StreamId invoice = StreamId.of("invoice", "i-1");
        join(store.append(invoice, ExpectedVersion.any(), events("i0")));
        join(store.append(order, ExpectedVersion.any(), events("o0")));
        List<RecordedCommit> orders = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store.subscribe(0, EventFilter.aggregateTypes(ORDER), listener(orders))) {
            eventually().untilAsserted(() -> assertThat(management.getConsumers(names.eventStream()))
                    .extracting(consumer -> consumer.getConsumerConfiguration().getFilterSubject())
                    .containsExactly(names.eventTypeFilter(ORDER)));
            for (int i = 1; i <= 3; i++) {
                join(store.append(invoice, ExpectedVersion.any(), events("i" + i)));
                join(store.append(order, ExpectedVersion.any(), events("o" + i)));
            }

            eventually().untilAsserted(() -> assertThat(orders).extracting(commit -> text(commit.events().get(0).data()))
                    .containsExactly("o0", "o1", "o2", "o3"));
            // The server sent this client the three new orders and none of the invoices.
            assertThat(management.getConsumers(names.eventStream())).singleElement()
                    .satisfies(consumer -> {
                        assertThat(consumer.getDelivered().getConsumerSequence()).isEqualTo(3);
                        assertThat(consumer.getDelivered().getStreamSequence()).isEqualTo(orders.get(3).position());
                    });
        }
    }

    @Test
    void a_subscription_that_cannot_have_a_filtered_consumer_stays_on_the_whole_stream() throws Exception {
        JetStreamManagement management = client.management();
        NatsNames oneConsumer = UniqueNames.natsNames();
        management.addStream(StreamConfiguration.builder().name(oneConsumer.eventStream())
                .subjects(oneConsumer.eventStreamSubjects()).storageType(StorageType.File).allowDirect(true)
                .maxConsumers(1).build());
        try (NatsEventStore limited = NatsEventStore.start(client, oneConsumer, NatsEventStoreSettings.defaults())) {
            List<RecordedCommit> orders = new CopyOnWriteArrayList<>();
            try (Subscription subscription = limited.subscribe(0, EventFilter.aggregateTypes(ORDER), listener(orders))) {
                for (int i = 1; i <= 3; i++) {
                    join(limited.append(StreamId.of("invoice", "i-1"), ExpectedVersion.any(), events("i" + i)));
                    join(limited.append(StreamId.of("order", "o-1"), ExpectedVersion.any(), events("o" + i)));
                }

                eventually().untilAsserted(() -> assertThat(orders)
                        .extracting(commit -> text(commit.events().get(0).data())).containsExactly("o1", "o2", "o3"));
                assertThat(management.getConsumers(oneConsumer.eventStream())).singleElement()
                        .satisfies(consumer -> assertThat(consumer.getConsumerConfiguration().getFilterSubject())
                                .isNullOrEmpty());
            }
        } finally {
            management.deleteStream(oneConsumer.eventStream());
        }
    }

    @Test
    void reads_and_follows_only_events_in_a_stream_that_also_carries_other_subjects() throws Exception {
        // Feed consumers read the whole stream while catching up (2.9 creates wildcard-filtered ones slowly on many
        // subjects), so messages on subjects outside the event root, which a stream set up by hand may carry, reach
        // the client.
        JetStreamManagement management = client.management();
        NatsNames shared = UniqueNames.natsNames();
        String notes = shared.eventStream() + ".notes";
        management.addStream(StreamConfiguration.builder().name(shared.eventStream())
                .subjects(shared.eventStreamSubjects(), notes + ".>").storageType(StorageType.File)
                .allowDirect(true).build());
        try (NatsEventStore mixed = NatsEventStore.start(client, shared, NatsEventStoreSettings.defaults())) {
            List<RecordedCommit> followed = new CopyOnWriteArrayList<>();
            List<RecordedCommit> followedOrders = new CopyOnWriteArrayList<>();
            try (Subscription all = mixed.subscribe(0, EventFilter.all(), listener(followed));
                    Subscription orders = mixed.subscribe(0, EventFilter.aggregateTypes(ORDER),
                            listener(followedOrders))) {
                for (int i = 1; i <= 3; i++) {
                    client.jetStream().publish(notes + ".n" + i, ("note " + i).getBytes(UTF_8));
                    join(mixed.append(StreamId.of("order", "o-" + i), ExpectedVersion.noStream(), events("o" + i)));
                    join(mixed.append(StreamId.of("invoice", "i-" + i), ExpectedVersion.noStream(),
                            events("i" + i)));
                }
                client.jetStream().publish(notes + ".last", "last note".getBytes(UTF_8));

                eventually().untilAsserted(() -> assertThat(followed).hasSize(6));
                eventually().untilAsserted(() -> assertThat(followedOrders).hasSize(3));
                assertThat(followedOrders).extracting(commit -> commit.stream().id())
                        .containsExactly("o-1", "o-2", "o-3");
            }
            assertThat(join(mixed.readAll(0, 100, EventFilter.all()))).hasSize(6)
                    .extracting(commit -> commit.stream().type().name()).containsOnly("order", "invoice");
            assertThat(join(mixed.readAll(0, 2, EventFilter.aggregateTypes(ORDER))))
                    .extracting(commit -> commit.stream().id()).containsExactly("o-1", "o-2");
            assertThat(join(mixed.readAll(followed.get(5).position(), 10, EventFilter.all()))).isEmpty();
        } finally {
            management.deleteStream(shared.eventStream());
        }
    }

    @Test
    void leaves_no_consumers_behind_after_many_reads_and_subscriptions() throws Exception {
        JetStreamManagement management = client.management();
        StreamId stream = StreamId.of("order", "busy");
        for (int i = 0; i < 30; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("e" + i)));
        }
        NatsEventStore viaConsumer = NatsEventStore.start(client, names, NatsEventStoreSettings.defaults()
                .withChainReadLimit(0));
        try {
            for (int i = 0; i < 100; i++) {
                join(viaConsumer.readStream(stream, 1));
                join(store.readAll(i % 30, 5, EventFilter.all()));
                join(store.readStream(stream, 1));
            }
            for (int i = 0; i < 10; i++) {
                List<RecordedCommit> delivered = new CopyOnWriteArrayList<>();
                Subscription subscription = store.subscribe(0, EventFilter.all(), listener(delivered));
                eventually().untilAsserted(() -> assertThat(delivered).hasSize(30));
                subscription.close();
            }

            eventually().untilAsserted(() ->
                    assertThat(management.getConsumerNames(names.eventStream())).isEmpty());
        } finally {
            viaConsumer.close();
        }
    }

    @Test
    void refuses_an_existing_stream_that_could_discard_events() throws Exception {
        JetStreamManagement management = client.management();
        NatsNames limited = UniqueNames.natsNames();
        NatsNames interest = UniqueNames.natsNames();
        NatsNames inMemory = UniqueNames.natsNames();
        management.addStream(StreamConfiguration.builder().name(limited.eventStream())
                .subjects(limited.eventStreamSubjects()).storageType(StorageType.File).allowDirect(true)
                .maxAge(Duration.ofDays(30)).maxMessagesPerSubject(100).build());
        management.addStream(StreamConfiguration.builder().name(interest.eventStream())
                .subjects(interest.eventStreamSubjects()).storageType(StorageType.File).allowDirect(true)
                .retentionPolicy(RetentionPolicy.Interest).build());
        management.addStream(StreamConfiguration.builder().name(inMemory.eventStream())
                .subjects(inMemory.eventStreamSubjects()).storageType(StorageType.Memory).allowDirect(true).build());
        try {
            assertThatThrownBy(() -> NatsEventStore.start(client, limited, NatsEventStoreSettings.defaults()))
                    .isInstanceOf(EventStoreException.class)
                    .hasMessageContaining(limited.eventStream())
                    .hasMessageContaining("max age")
                    .hasMessageContaining("max messages per subject");
            assertThatThrownBy(() -> NatsEventStore.start(client, interest, NatsEventStoreSettings.defaults()))
                    .isInstanceOf(EventStoreException.class).hasMessageContaining("retention");
            assertThatThrownBy(() -> NatsEventStore.start(client, inMemory, NatsEventStoreSettings.defaults()))
                    .isInstanceOf(EventStoreException.class).hasMessageContaining("storage");
        } finally {
            for (NatsNames refused : List.of(limited, interest, inMemory)) {
                management.deleteStream(refused.eventStream());
            }
        }
    }

    @Test
    void deletes_its_stream_with_every_event_and_says_when_there_was_none() throws Exception {
        NatsNames other = UniqueNames.natsNames();
        try (NatsEventStore doomed = NatsEventStore.start(client, other, NatsEventStoreSettings.defaults())) {
            join(doomed.append(StreamId.of("order", "o-1"), ExpectedVersion.noStream(), events("a")));
        }

        assertThat(NatsEventStore.delete(client, other)).isTrue();
        assertThat(client.management().getStreamNames()).doesNotContain(other.eventStream())
                .contains(names.eventStream());
        assertThat(NatsEventStore.delete(client, other)).isFalse();
    }

    @Test
    void creates_the_stream_without_limits_and_with_direct_gets() throws Exception {
        StreamConfiguration config = client.management().getStreamInfo(names.eventStream()).getConfiguration();

        assertThat(config.getSubjects()).containsExactly(names.eventStreamSubjects());
        assertThat(config.getStorageType()).isEqualTo(StorageType.File);
        assertThat(config.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
        assertThat(config.getMaxAge()).isZero();
        assertThat(config.getMaxBytes()).isEqualTo(-1);
        assertThat(config.getMaxMsgs()).isEqualTo(-1);
        assertThat(config.getMaxMsgsPerSubject()).isEqualTo(-1);
        assertThat(config.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getAllowDirect()).isTrue();
        assertThat(config.getDenyDelete()).isTrue();
    }

    @Test
    void rejects_a_commit_larger_than_the_server_accepts_before_sending_it() {
        byte[] huge = new byte[(int) client.connection().getServerInfo().getMaxPayload()];

        assertThatThrownBy(() -> store.append(StreamId.of("order", "big"), ExpectedVersion.noStream(),
                List.of(new EventData("big.v1", huge)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completes_many_pipelined_appends_across_aggregates_in_order_per_aggregate() {
        List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int key = 0; key < 50; key++) {
                StreamId stream = StreamId.of("order", "k" + key);
                inFlight.add(store.append(stream, ExpectedVersion.any(), events("r" + round)).toCompletableFuture());
            }
            inFlight.forEach(CompletableFuture::join);
        }

        for (int key = 0; key < 50; key++) {
            assertThat(join(store.readStream(StreamId.of("order", "k" + key), 1)))
                    .extracting(event -> text(event.data()))
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(round -> "r" + round).toList());
        }
    }

    private static CommitListener listener(List<RecordedCommit> delivered) {
        return delivered::add;
    }

    private static List<EventData> events(String... bodies) {
        List<EventData> events = new ArrayList<>();
        for (String body : bodies) {
            events.add(new EventData("test.happened.v1", body.getBytes(UTF_8), Map.of("source", "it")));
        }
        return events;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
