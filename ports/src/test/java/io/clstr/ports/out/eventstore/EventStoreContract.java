package io.clstr.ports.out.eventstore;

import static io.clstr.ports.out.AsyncTesting.TIMEOUT;
import static io.clstr.ports.out.AsyncTesting.awaitQuietly;
import static io.clstr.ports.out.AsyncTesting.eventually;
import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clstr.domain.kernel.AggregateType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link EventStore}, run against every adapter. A subclass supplies the store.
 *
 * <p>Every test gets a new, empty store from {@link #createStore()} (its global feed holds only that test's
 * commits) and the store is handed to {@link #releaseStore} afterwards. Stream ids are unique per test
 * anyway. Nothing here depends on timing: asynchronous outcomes are awaited for up to
 * {@link io.clstr.ports.out.AsyncTesting#TIMEOUT}, so the same suite runs against in-memory and networked
 * stores.
 *
 * <p>Argument errors (an empty append, too many events) are thrown by {@code append} itself, before anything
 * is stored; concurrency conflicts fail the returned stage.
 *
 * <p>{@link #createStore()} runs in this class's {@code @BeforeEach}, before any of the subclass: prepare shared
 * resources (a server, a connection) in {@code @BeforeAll} or on first use.
 */
public abstract class EventStoreContract {

    private static final AggregateType ORDER = AggregateType.of("order");
    private static final AggregateType INVOICE = AggregateType.of("invoice");
    private static final AggregateType SHIPMENT = AggregateType.of("shipment");

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    private final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private EventStore store;

    /** A new, empty store that only the current test uses. */
    protected abstract EventStore createStore();

    /** Releases what {@link #createStore()} made. Called after each test; does nothing by default. */
    protected void releaseStore(EventStore store) {
    }

    @BeforeEach
    protected final void createTheStore() {
        store = createStore();
    }

    @AfterEach
    protected final void releaseTheStore() throws InterruptedException {
        subscriptions.forEach(Subscription::close);
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(TIMEOUT.toMillis(), MILLISECONDS);
        }
        releaseStore(store);
    }

    // ---------------------------------------------------------------- append and read

    @Test
    void appends_events_and_reads_them_back_with_versions_counting_from_one() {
        StreamId stream = newStream(ORDER);
        List<EventData> events = List.of(
                new EventData("order.placed.v1", bytes("placed"), Map.of("command-id", "c-1", "user", "ada")),
                new EventData("order.line-added.v1", bytes("line"), Map.of("command-id", "c-1")),
                new EventData("order.confirmed.v1", bytes("confirmed")));
        Instant before = Instant.now();

        AppendResult result = join(store.append(stream, ExpectedVersion.noStream(), events));

        assertThat(result.version()).isEqualTo(3);
        assertThat(result.position()).isPositive();
        List<RecordedEvent> read = readStream(stream);
        assertThat(read).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(read).extracting(RecordedEvent::stream).containsOnly(stream);
        assertThat(read).extracting(RecordedEvent::position).containsOnly(result.position());
        assertThat(read).extracting(RecordedEvent::type)
                .containsExactly("order.placed.v1", "order.line-added.v1", "order.confirmed.v1");
        assertThat(read).extracting(event -> text(event.data())).containsExactly("placed", "line", "confirmed");
        assertThat(read).extracting(RecordedEvent::metadata).containsExactly(
                Map.of("command-id", "c-1", "user", "ada"), Map.of("command-id", "c-1"), Map.of());
        // One commit is accepted at one moment; the bound only rules out a missing or made-up time.
        assertThat(read).extracting(RecordedEvent::recordedAt).containsOnly(read.get(0).recordedAt());
        assertThat(read.get(0).recordedAt()).isCloseTo(before, within(1, ChronoUnit.HOURS));
    }

    @Test
    void round_trips_binary_and_empty_data_and_unicode_metadata_exactly() {
        StreamId stream = newStream(ORDER);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Map<String, String> metadata = Map.of("note", "Grüße, 日本 😀", "empty", "", "spaces", " a b ");

        join(store.append(stream, ExpectedVersion.noStream(), List.of(
                new EventData("binary.v1", everyByte, metadata),
                new EventData("empty.v1", new byte[0]))));

        List<RecordedEvent> read = readStream(stream);
        assertThat(read.get(0).data()).containsExactly(everyByte);
        assertThat(read.get(0).metadata()).isEqualTo(metadata);
        assertThat(read.get(1).data()).isEmpty();
        assertThat(read.get(1).metadata()).isEmpty();
    }

    @Test
    void continues_the_versions_of_a_stream_when_appending_at_its_version() {
        StreamId stream = newStream(ORDER);
        join(store.append(stream, ExpectedVersion.noStream(), events("a", "b")));

        AppendResult result = join(store.append(stream, ExpectedVersion.exactly(2), events("c")));

        assertThat(result.version()).isEqualTo(3);
        assertThat(readStream(stream)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(readStream(stream)).extracting(event -> text(event.data())).containsExactly("a", "b", "c");
    }

    @Test
    void tells_a_stream_s_version_zero_for_a_missing_stream_and_the_last_event_s_after_each_commit() {
        StreamId stream = newStream(ORDER);
        StreamId other = newStream(ORDER);
        assertThat(join(store.streamVersion(stream))).isZero();

        join(store.append(stream, ExpectedVersion.noStream(), events("a", "b", "c")));
        join(store.append(other, ExpectedVersion.noStream(), events("x")));
        assertThat(join(store.streamVersion(stream))).isEqualTo(3);

        join(store.append(stream, ExpectedVersion.exactly(3), events("d")));
        assertThat(join(store.streamVersion(stream))).isEqualTo(4);
        assertThat(join(store.streamVersion(other))).isEqualTo(1);
        assertThat(join(store.streamVersion(newStream(INVOICE)))).isZero();
    }

    @Test
    void rejects_no_stream_on_an_existing_stream_with_a_conflict_and_stores_nothing() {
        StreamId stream = newStream(ORDER);
        join(store.append(stream, ExpectedVersion.noStream(), events("first")));

        Throwable failure = failureOf(store.append(stream, ExpectedVersion.noStream(), events("second", "third")));

        assertThat(failure).isInstanceOf(ConcurrencyConflictException.class);
        ConcurrencyConflictException conflict = (ConcurrencyConflictException) failure;
        assertThat(conflict.stream()).isEqualTo(stream);
        assertThat(conflict.expected()).isEqualTo(ExpectedVersion.noStream());
        assertThat(readStream(stream)).extracting(event -> text(event.data())).containsExactly("first");
        assertThat(readAllCommits(EventFilter.all())).hasSize(1);
    }

    @Test
    void rejects_a_wrong_expected_version_and_stores_nothing_of_a_multi_event_append() {
        StreamId stream = newStream(ORDER);
        join(store.append(stream, ExpectedVersion.noStream(), events("a", "b")));

        for (long wrong : new long[] {1, 3, 5}) {
            Throwable failure = failureOf(store.append(stream, ExpectedVersion.exactly(wrong), events("x", "y", "z")));
            assertThat(failure).isInstanceOf(ConcurrencyConflictException.class);
            assertThat(((ConcurrencyConflictException) failure).expected()).isEqualTo(ExpectedVersion.exactly(wrong));
        }

        assertThat(readStream(stream)).extracting(event -> text(event.data())).containsExactly("a", "b");
        assertThat(readAllCommits(EventFilter.all())).hasSize(1);
        AppendResult next = join(store.append(stream, ExpectedVersion.exactly(2), events("c", "d", "e")));
        assertThat(next.version()).isEqualTo(5);
        assertThat(readStream(stream)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void rejects_an_expected_version_above_zero_on_a_missing_stream() {
        StreamId stream = newStream(ORDER);

        assertThat(failureOf(store.append(stream, ExpectedVersion.exactly(1), events("a"))))
                .isInstanceOf(ConcurrencyConflictException.class);

        assertThat(readStream(stream)).isEmpty();
        assertThat(join(store.append(stream, ExpectedVersion.noStream(), events("a"))).version()).isEqualTo(1);
    }

    @Test
    void appends_at_any_version_without_gaps() {
        StreamId stream = newStream(ORDER);

        assertThat(join(store.append(stream, ExpectedVersion.any(), events("a", "b"))).version()).isEqualTo(2);
        assertThat(join(store.append(stream, ExpectedVersion.any(), events("c"))).version()).isEqualTo(3);
        assertThat(join(store.append(stream, ExpectedVersion.exactly(3), events("d"))).version()).isEqualTo(4);
        assertThat(join(store.append(stream, ExpectedVersion.any(), events("e", "f"))).version()).isEqualTo(6);

        assertThat(readStream(stream)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(readStream(stream)).extracting(event -> text(event.data()))
                .containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void rejects_an_empty_append_before_storing_anything() {
        StreamId stream = newStream(ORDER);

        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.any(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.noStream(), List.of(), "commit-1"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(readStream(stream)).isEmpty();
        assertThat(readAllCommits(EventFilter.all())).isEmpty();
    }

    @Test
    void rejects_more_than_the_maximum_events_per_append_and_accepts_the_maximum() {
        StreamId tooLong = newStream(ORDER);
        StreamId longest = newStream(ORDER);

        assertThatThrownBy(() -> store.append(
                        tooLong, ExpectedVersion.noStream(), numberedEvents(EventStore.MAX_EVENTS_PER_APPEND + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(readStream(tooLong)).isEmpty();
        assertThat(readAllCommits(EventFilter.all())).isEmpty();

        AppendResult result = join(store.append(
                longest, ExpectedVersion.noStream(), numberedEvents(EventStore.MAX_EVENTS_PER_APPEND)));
        assertThat(result.version()).isEqualTo(EventStore.MAX_EVENTS_PER_APPEND);
        List<RecordedEvent> read = readStream(longest);
        assertThat(read).hasSize(EventStore.MAX_EVENTS_PER_APPEND);
        assertThat(versions(read)).isEqualTo(versionsUpTo(EventStore.MAX_EVENTS_PER_APPEND));
        assertThat(read).extracting(RecordedEvent::position).containsOnly(result.position());
    }

    @Test
    void refuses_an_append_over_its_byte_limit_and_stores_one_at_the_limit() {
        long limit = store.maxAppendBytes();
        assertThat(limit).as("a store states the bytes one append may carry").isBetween(1024L, 64L << 20);
        StreamId tooLarge = newStream(ORDER);
        StreamId largest = newStream(ORDER);
        // Characters that take more than one byte in most encodings, in the type and the metadata.
        EventData first = new EventData("ordér.placed.v1", new byte[] {1}, Map.of("commând", "日本語-\u0000-é"));
        EventData second = new EventData("order.noted.v1", new byte[0], Map.of());
        long filler = limit - first.size() - second.size() - new EventData("order.filled.v1", new byte[0]).size();

        List<EventData> atLimit = List.of(first, second, new EventData("order.filled.v1", new byte[(int) filler]));
        List<EventData> overLimit = List.of(first, second, new EventData("order.filled.v1", new byte[(int) filler + 1]));
        assertThat(atLimit.stream().mapToLong(EventData::size).sum()).isEqualTo(limit);

        assertThatThrownBy(() -> store.append(tooLarge, ExpectedVersion.noStream(), overLimit))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(readStream(tooLarge)).isEmpty();
        assertThat(join(store.append(largest, ExpectedVersion.noStream(), atLimit)).version()).isEqualTo(3);
        assertThat(readStream(largest)).extracting(event -> event.data().length).containsExactly(1, 0, (int) filler);
    }

    @Test
    void reads_no_events_from_a_missing_stream() {
        assertThat(readStream(newStream(ORDER))).isEmpty();
        assertThat(join(store.readStream(newStream(ORDER), 1, 10))).isEmpty();
    }

    @Test
    void reads_version_ranges_of_a_stream_inclusively() {
        StreamId stream = newStream(ORDER);
        join(store.append(stream, ExpectedVersion.noStream(), events("1", "2")));
        join(store.append(stream, ExpectedVersion.exactly(2), events("3", "4", "5")));

        assertThat(versions(join(store.readStream(stream, 2, 4)))).containsExactly(2L, 3L, 4L);
        assertThat(versions(join(store.readStream(stream, 1, 1)))).containsExactly(1L);
        assertThat(versions(join(store.readStream(stream, 5, 5)))).containsExactly(5L);
        assertThat(versions(join(store.readStream(stream, 3, 100)))).containsExactly(3L, 4L, 5L);
        assertThat(versions(join(store.readStream(stream, 4)))).containsExactly(4L, 5L);
        assertThat(versions(join(store.readStream(stream, 1)))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(join(store.readStream(stream, 6))).isEmpty();
        assertThat(join(store.readStream(stream, 9, 12))).isEmpty();
        assertThat(join(store.readStream(stream, 3, 4))).extracting(event -> text(event.data()))
                .containsExactly("3", "4");
    }

    @Test
    void keeps_streams_with_the_same_id_but_different_types_apart() {
        String id = "shared-" + tag;
        StreamId order = new StreamId(ORDER, id);
        StreamId invoice = new StreamId(INVOICE, id);

        join(store.append(order, ExpectedVersion.noStream(), events("order-1", "order-2")));
        join(store.append(invoice, ExpectedVersion.noStream(), events("invoice-1")));

        assertThat(readStream(order)).extracting(event -> text(event.data())).containsExactly("order-1", "order-2");
        assertThat(readStream(invoice)).extracting(event -> text(event.data())).containsExactly("invoice-1");
        assertThat(readStream(invoice)).extracting(RecordedEvent::stream).containsOnly(invoice);
    }

    @Test
    void gives_every_commit_a_higher_position_shared_by_all_of_its_events() {
        StreamId first = newStream(ORDER);
        StreamId second = newStream(INVOICE);
        List<AppendResult> results = new ArrayList<>();

        results.add(join(store.append(first, ExpectedVersion.noStream(), events("a", "b", "c"))));
        results.add(join(store.append(second, ExpectedVersion.noStream(), events("d"))));
        results.add(join(store.append(first, ExpectedVersion.exactly(3), events("e", "f"))));
        results.add(join(store.append(second, ExpectedVersion.any(), events("g"))));

        List<Long> positions = results.stream().map(AppendResult::position).toList();
        assertThat(positions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(positions.get(0)).isPositive();
        List<RecordedCommit> commits = readAllCommits(EventFilter.all());
        assertThat(commits).extracting(RecordedCommit::position).containsExactlyElementsOf(positions);
        assertThat(commits).extracting(RecordedCommit::stream).containsExactly(first, second, first, second);
        assertThat(commits.get(0).events()).extracting(RecordedEvent::position).containsOnly(positions.get(0));
        assertThat(commits.get(2).events()).extracting(RecordedEvent::version).containsExactly(4L, 5L);
        assertThat(readStream(first)).extracting(RecordedEvent::position).containsExactly(
                positions.get(0), positions.get(0), positions.get(0), positions.get(2), positions.get(2));
    }

    // ---------------------------------------------------------------- idempotent retries

    @Test
    void stores_a_retried_append_once_and_reports_the_first_result() {
        StreamId stream = newStream(ORDER);
        String commitId = "commit-" + tag;

        AppendResult first = join(store.append(stream, ExpectedVersion.noStream(), events("a", "b"), commitId));
        AppendResult retry = join(store.append(stream, ExpectedVersion.noStream(), events("a", "b"), commitId));

        assertThat(retry).isEqualTo(first);
        assertThat(readStream(stream)).extracting(event -> text(event.data())).containsExactly("a", "b");
        assertThat(readAllCommits(EventFilter.all())).hasSize(1);
        assertThat(failureOf(store.append(stream, ExpectedVersion.noStream(), events("a", "b"), "other-" + tag)))
                .isInstanceOf(ConcurrencyConflictException.class);
    }

    @Test
    void recognises_a_retried_append_after_later_appends_to_the_stream() {
        StreamId stream = newStream(ORDER);
        String commitId = "commit-" + tag;
        AppendResult first = join(store.append(stream, ExpectedVersion.noStream(), events("a"), commitId));
        join(store.append(stream, ExpectedVersion.exactly(1), events("b")));

        AppendResult retry = join(store.append(stream, ExpectedVersion.noStream(), events("a"), commitId));

        assertThat(retry).isEqualTo(first);
        assertThat(readStream(stream)).extracting(event -> text(event.data())).containsExactly("a", "b");
        assertThat(readAllCommits(EventFilter.all())).hasSize(2);
    }

    // ---------------------------------------------------------------- concurrent writers

    @Test
    void lets_exactly_one_of_several_racing_writers_win_each_version() throws Exception {
        StreamId stream = newStream(ORDER);
        int racers = 4;
        int rounds = 20;
        ExecutorService pool = newPool(racers);

        for (int version = 0; version < rounds; version++) {
            long expected = version;
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int racer = 0; racer < racers; racer++) {
                String body = "racer-" + racer + "@" + version;
                attempts.add(pool.submit(() -> {
                    start.await(TIMEOUT.toMillis(), MILLISECONDS);
                    return won(store.append(stream, ExpectedVersion.exactly(expected), events(body)));
                }));
            }
            long winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get(TIMEOUT.toMillis(), MILLISECONDS) ? 1 : 0;
            }
            assertThat(winners).as("winners of version %d", version + 1).isEqualTo(1);
        }

        List<RecordedEvent> read = readStream(stream);
        assertThat(versions(read)).isEqualTo(versionsUpTo(rounds));
        for (RecordedEvent event : read) {
            assertThat(text(event.data())).endsWith("@" + (event.version() - 1));
        }
    }

    @Test
    void racing_writers_that_reload_on_conflict_never_lose_or_duplicate_an_event() throws Exception {
        StreamId stream = newStream(ORDER);
        int writers = 3;
        int eventsPerWriter = 40;
        ExecutorService pool = newPool(writers);
        List<Future<Integer>> work = new ArrayList<>();

        for (int writer = 0; writer < writers; writer++) {
            String name = "writer-" + writer;
            work.add(pool.submit(() -> {
                long known = 0;
                int conflicts = 0;
                for (int i = 0; i < eventsPerWriter; ) {
                    var attempt = store.append(stream, ExpectedVersion.exactly(known), events(name + "#" + i));
                    if (won(attempt)) {
                        known = join(attempt).version();
                        i++;
                    } else {
                        conflicts++;
                        known += join(store.readStream(stream, known + 1)).size();
                    }
                }
                return conflicts;
            }));
        }
        for (Future<Integer> writer : work) {
            writer.get(TIMEOUT.toMillis() * 3, MILLISECONDS);
        }

        List<RecordedEvent> read = readStream(stream);
        assertThat(versions(read)).isEqualTo(versionsUpTo((long) writers * eventsPerWriter));
        List<String> bodies = read.stream().map(event -> text(event.data())).toList();
        assertThat(bodies).doesNotHaveDuplicates();
        for (int writer = 0; writer < writers; writer++) {
            String prefix = "writer-" + writer + "#";
            List<String> own = bodies.stream().filter(body -> body.startsWith(prefix)).toList();
            assertThat(own).containsExactlyElementsOf(
                    IntStream.range(0, eventsPerWriter).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    void keeps_every_stream_contiguous_and_the_global_feed_complete_under_concurrent_writers() throws Exception {
        int writers = 4;
        int commitsPerWriter = 100;
        List<StreamId> streams = IntStream.range(0, 10)
                .mapToObj(i -> newStream(i % 2 == 0 ? ORDER : INVOICE))
                .toList();
        Map<Long, AppendResult> resultsByPosition = new ConcurrentHashMap<>();
        Map<Long, StreamId> streamByPosition = new ConcurrentHashMap<>();
        Map<StreamId, AtomicInteger> eventsPerStream = new ConcurrentHashMap<>();
        ExecutorService pool = newPool(writers);
        List<Future<?>> work = new ArrayList<>();

        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            work.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < commitsPerWriter; i++) {
                    StreamId stream = streams.get(random.nextInt(streams.size()));
                    int count = 1 + random.nextInt(3);
                    String prefix = "w" + id + "-" + i + "-";
                    List<EventData> batch = IntStream.range(0, count)
                            .mapToObj(n -> event(prefix + n))
                            .toList();
                    AppendResult result = join(store.append(stream, ExpectedVersion.any(), batch));
                    assertThat(resultsByPosition.put(result.position(), result)).isNull();
                    streamByPosition.put(result.position(), stream);
                    eventsPerStream.computeIfAbsent(stream, s -> new AtomicInteger()).addAndGet(count);
                }
                return null;
            }));
        }
        for (Future<?> writer : work) {
            writer.get(TIMEOUT.toMillis() * 3, MILLISECONDS);
        }

        for (Map.Entry<StreamId, AtomicInteger> entry : eventsPerStream.entrySet()) {
            assertThat(versions(readStream(entry.getKey()))).as("versions of %s", entry.getKey())
                    .isEqualTo(versionsUpTo(entry.getValue().get()));
        }
        List<RecordedCommit> feed = readAllCommits(EventFilter.all());
        assertThat(feed).hasSize(writers * commitsPerWriter);
        assertThat(feed).extracting(RecordedCommit::position)
                .isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(resultsByPosition.keySet());
        for (RecordedCommit commit : feed) {
            assertThat(commit.stream()).isEqualTo(streamByPosition.get(commit.position()));
            assertThat(commit.lastVersion()).isEqualTo(resultsByPosition.get(commit.position()).version());
            assertThat(versions(commit.events())).containsExactlyElementsOf(
                    LongStream.rangeClosed(commit.firstVersion(), commit.lastVersion()).boxed().toList());
            assertThat(commit.events()).extracting(RecordedEvent::position).containsOnly(commit.position());
        }
    }

    // ---------------------------------------------------------------- stream ids that are hard to store

    @Test
    void round_trips_stream_ids_with_special_characters_and_keeps_look_alikes_apart() {
        AggregateType odd = AggregateType.of("odd-" + tag);
        AggregateType other = AggregateType.of("other-" + tag);
        List<String> ids = List.of(
                "a.b", "a", "b", "ab", "a b", "a_b", "a-b", "a%2Eb", "a%2eb", "a%b", "a%", "a*", "*", "a>", ">",
                "a.>", "a.*", "a/b", "a\\b", "a:b", "a=b", "a~b", "a+b", "a'b", "a\"b", "A.B", ".a", "a.", "a..b",
                " a", "a ", "ä", "a\u0308", "€", "日本語", "😀", "x".repeat(StreamId.MAX_ID_LENGTH),
                "ü.".repeat(StreamId.MAX_ID_LENGTH / 2));

        for (String id : ids) {
            StreamId stream = new StreamId(odd, id);
            assertThat(join(store.append(stream, ExpectedVersion.noStream(), events(id))).version())
                    .as("first append to '%s' (a conflict means it collided with a look-alike)", id)
                    .isEqualTo(1);
        }
        join(store.append(new StreamId(other, "a.b"), ExpectedVersion.noStream(), events("other a.b")));

        for (String id : ids) {
            StreamId stream = new StreamId(odd, id);
            List<RecordedEvent> read = readStream(stream);
            assertThat(read).as("events of '%s'", id).hasSize(1);
            assertThat(read.get(0).stream()).isEqualTo(stream);
            assertThat(text(read.get(0).data())).isEqualTo(id);
        }
        List<RecordedCommit> oddFeed = readAllCommits(EventFilter.aggregateTypes(odd));
        assertThat(oddFeed).extracting(commit -> commit.stream().id()).containsExactlyElementsOf(ids);
        assertThat(oddFeed).extracting(commit -> text(commit.events().get(0).data())).containsExactlyElementsOf(ids);
        assertThat(readAllCommits(EventFilter.aggregateTypes(other))).extracting(RecordedCommit::stream)
                .containsExactly(new StreamId(other, "a.b"));
    }

    @Test
    void keeps_apart_type_and_id_pairs_that_concatenate_alike() {
        AggregateType shorter = AggregateType.of("pair-" + tag);
        AggregateType longer = AggregateType.of("pair-" + tag + "-b");
        StreamId shortType = new StreamId(shorter, "b-c");
        StreamId longType = new StreamId(longer, "c");
        StreamId dotted = new StreamId(shorter, "b.c");

        join(store.append(shortType, ExpectedVersion.noStream(), events("short")));
        join(store.append(longType, ExpectedVersion.noStream(), events("long")));
        join(store.append(dotted, ExpectedVersion.noStream(), events("dotted")));

        assertThat(readStream(shortType)).extracting(event -> text(event.data())).containsExactly("short");
        assertThat(readStream(longType)).extracting(event -> text(event.data())).containsExactly("long");
        assertThat(readStream(dotted)).extracting(event -> text(event.data())).containsExactly("dotted");
        assertThat(readAllCommits(EventFilter.aggregateTypes(shorter))).extracting(RecordedCommit::stream)
                .containsExactly(shortType, dotted);
        assertThat(readAllCommits(EventFilter.aggregateTypes(longer))).extracting(RecordedCommit::stream)
                .containsExactly(longType);
    }

    // ---------------------------------------------------------------- the global feed

    @Test
    void pages_through_the_global_feed_in_position_order() {
        StreamId order = newStream(ORDER);
        StreamId invoice = newStream(INVOICE);
        List<Long> positions = new ArrayList<>();
        positions.add(join(store.append(order, ExpectedVersion.any(), events("o1", "o2"))).position());
        positions.add(join(store.append(invoice, ExpectedVersion.any(), events("i1"))).position());
        positions.add(join(store.append(order, ExpectedVersion.any(), events("o3"))).position());
        positions.add(join(store.append(invoice, ExpectedVersion.any(), events("i2"))).position());
        positions.add(join(store.append(order, ExpectedVersion.any(), events("o4"))).position());
        positions.add(join(store.append(invoice, ExpectedVersion.any(), events("i3"))).position());
        positions.add(join(store.append(order, ExpectedVersion.any(), events("o5"))).position());

        List<RecordedCommit> page1 = join(store.readAll(0, 3, EventFilter.all()));
        List<RecordedCommit> page2 = join(store.readAll(page1.get(2).position(), 3, EventFilter.all()));
        List<RecordedCommit> page3 = join(store.readAll(page2.get(2).position(), 3, EventFilter.all()));

        assertThat(page1).extracting(RecordedCommit::position).containsExactlyElementsOf(positions.subList(0, 3));
        assertThat(page2).extracting(RecordedCommit::position).containsExactlyElementsOf(positions.subList(3, 6));
        assertThat(page3).extracting(RecordedCommit::position).containsExactly(positions.get(6));
        assertThat(join(store.readAll(positions.get(6), 3, EventFilter.all()))).isEmpty();
        assertThat(page1.get(0).events()).extracting(event -> text(event.data())).containsExactly("o1", "o2");
        assertThat(join(store.readAll(positions.get(1) - 1, 1, EventFilter.all())))
                .extracting(RecordedCommit::position).containsExactly(positions.get(1));
        assertThat(join(store.readAll(positions.get(1), 2, EventFilter.all())))
                .extracting(RecordedCommit::position).containsExactly(positions.get(2), positions.get(3));
    }

    @Test
    void filters_the_global_feed_by_aggregate_type_and_counts_only_matching_commits_per_page() {
        StreamId order = newStream(ORDER);
        StreamId invoice = newStream(INVOICE);
        StreamId shipment = newStream(SHIPMENT);
        for (int i = 1; i <= 4; i++) {
            join(store.append(order, ExpectedVersion.any(), events("o" + i)));
            join(store.append(invoice, ExpectedVersion.any(), events("i" + i)));
            join(store.append(shipment, ExpectedVersion.any(), events("s" + i)));
        }

        List<RecordedCommit> firstOrders = join(store.readAll(0, 3, EventFilter.aggregateTypes(ORDER)));
        assertThat(firstOrders).extracting(commit -> text(commit.events().get(0).data()))
                .containsExactly("o1", "o2", "o3");
        assertThat(join(store.readAll(firstOrders.get(2).position(), 3, EventFilter.aggregateTypes(ORDER))))
                .extracting(commit -> text(commit.events().get(0).data())).containsExactly("o4");
        assertThat(readAllCommits(EventFilter.aggregateTypes(ORDER, SHIPMENT)))
                .extracting(commit -> text(commit.events().get(0).data()))
                .containsExactly("o1", "s1", "o2", "s2", "o3", "s3", "o4", "s4");
        assertThat(readAllCommits(EventFilter.aggregateTypes(AggregateType.of("nothing-" + tag)))).isEmpty();
        assertThat(readAllCommits(EventFilter.all())).hasSize(12);
    }

    // ---------------------------------------------------------------- subscriptions

    @Test
    void delivers_stored_commits_then_reports_live_then_delivers_new_commits() {
        StreamId stream = newStream(ORDER);
        for (int i = 0; i < 5; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("stored-" + i)));
        }
        RecordingListener listener = subscribe(0, EventFilter.all(), new RecordingListener());

        eventually().untilAsserted(() -> assertThat(listener.liveCalls()).isEqualTo(1));
        assertThat(listener.timeline()).hasSize(6).last().isEqualTo("live");
        for (int i = 0; i < 3; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("new-" + i)));
        }

        eventually().untilAsserted(() -> assertThat(listener.commits()).hasSize(8));
        assertThat(listener.commits()).extracting(RecordedCommit::position)
                .containsExactlyElementsOf(positions(readAllCommits(EventFilter.all())));
        assertThat(listener.commits()).extracting(commit -> text(commit.events().get(0).data())).containsExactly(
                "stored-0", "stored-1", "stored-2", "stored-3", "stored-4", "new-0", "new-1", "new-2");
        assertThat(listener.timeline().indexOf("live")).isEqualTo(5);
        assertThat(listener.liveCalls()).isEqualTo(1);
        listener.assertNoErrorsOrOverlaps();
    }

    @Test
    void delivers_whole_commits_with_their_events_data_and_metadata() {
        StreamId stream = newStream(ORDER);
        RecordingListener listener = subscribe(0, EventFilter.all(), new RecordingListener());
        join(store.append(stream, ExpectedVersion.noStream(), List.of(
                new EventData("order.placed.v1", bytes("placed"), Map.of("command-id", "c-1")),
                new EventData("order.confirmed.v1", bytes("confirmed"), Map.of("command-id", "c-1")))));

        eventually().untilAsserted(() -> assertThat(listener.commits()).hasSize(1));
        RecordedCommit delivered = listener.commits().get(0);
        RecordedCommit read = readAllCommits(EventFilter.all()).get(0);
        assertThat(delivered).usingRecursiveComparison().isEqualTo(read);
        assertThat(delivered.stream()).isEqualTo(stream);
        assertThat(versions(delivered.events())).containsExactly(1L, 2L);
        assertThat(delivered.events()).extracting(RecordedEvent::type)
                .containsExactly("order.placed.v1", "order.confirmed.v1");
        assertThat(delivered.events()).extracting(event -> text(event.data())).containsExactly("placed", "confirmed");
        assertThat(delivered.events()).extracting(RecordedEvent::metadata).containsOnly(Map.of("command-id", "c-1"));
    }

    @Test
    void reports_live_at_once_when_nothing_is_stored_and_then_delivers_new_commits() {
        RecordingListener listener = subscribe(0, EventFilter.all(), new RecordingListener());

        eventually().untilAsserted(() -> assertThat(listener.liveCalls()).isEqualTo(1));
        assertThat(listener.commits()).isEmpty();
        StreamId stream = newStream(ORDER);
        join(store.append(stream, ExpectedVersion.noStream(), events("first")));

        eventually().untilAsserted(() -> assertThat(listener.commits()).hasSize(1));
        assertThat(listener.timeline()).hasSize(2).first().isEqualTo("live");
        assertThat(listener.liveCalls()).isEqualTo(1);
    }

    @Test
    void delivers_only_commits_after_the_given_position() {
        StreamId stream = newStream(ORDER);
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            positions.add(join(store.append(stream, ExpectedVersion.any(), events("e" + i))).position());
        }

        RecordingListener listener = subscribe(positions.get(2), EventFilter.all(), new RecordingListener());
        eventually().untilAsserted(() -> assertThat(listener.liveCalls()).isEqualTo(1));
        positions.add(join(store.append(stream, ExpectedVersion.any(), events("e6"))).position());

        eventually().untilAsserted(() -> assertThat(listener.commits()).hasSize(4));
        assertThat(listener.commits()).extracting(RecordedCommit::position)
                .containsExactlyElementsOf(positions.subList(3, 7));
        assertThat(listener.timeline().indexOf("live")).isEqualTo(3);
        listener.assertNoErrorsOrOverlaps();
    }

    @Test
    void delivers_every_commit_once_in_order_while_writers_keep_appending() throws Exception {
        int writers = 3;
        int commitsPerWriter = 200;
        CountDownLatch someStored = new CountDownLatch(60);
        ExecutorService pool = newPool(writers);
        List<Future<?>> work = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            StreamId stream = newStream(writer == 0 ? INVOICE : ORDER);
            work.add(pool.submit(() -> {
                for (int i = 0; i < commitsPerWriter; i++) {
                    join(store.append(stream, ExpectedVersion.exactly(i), events("e" + i)));
                    someStored.countDown();
                }
                return null;
            }));
        }

        assertThat(someStored.await(TIMEOUT.toMillis(), MILLISECONDS)).isTrue();
        RecordingListener fromStart = subscribe(0, EventFilter.all(), new RecordingListener());
        long middle = join(store.readAll(0, 30, EventFilter.all())).get(29).position();
        RecordingListener fromMiddle = subscribe(middle, EventFilter.all(), new RecordingListener());
        RecordingListener ordersOnly = subscribe(0, EventFilter.aggregateTypes(ORDER), new RecordingListener());
        for (Future<?> writer : work) {
            writer.get(TIMEOUT.toMillis() * 3, MILLISECONDS);
        }

        List<Long> all = positions(readAllCommits(EventFilter.all()));
        List<Long> orders = positions(readAllCommits(EventFilter.aggregateTypes(ORDER)));
        assertThat(all).hasSize(writers * commitsPerWriter);
        eventually().untilAsserted(() -> {
            assertThat(positions(fromStart.commits())).containsExactlyElementsOf(all);
            assertThat(positions(fromMiddle.commits())).containsExactlyElementsOf(all.subList(30, all.size()));
            assertThat(positions(ordersOnly.commits())).containsExactlyElementsOf(orders);
            assertThat(fromStart.liveCalls()).isEqualTo(1);
            assertThat(fromMiddle.liveCalls()).isEqualTo(1);
            assertThat(ordersOnly.liveCalls()).isEqualTo(1);
        });
        fromStart.assertNoErrorsOrOverlaps();
        fromMiddle.assertNoErrorsOrOverlaps();
        ordersOnly.assertNoErrorsOrOverlaps();
    }

    @Test
    void delivers_only_the_aggregate_types_of_its_filter() {
        RecordingListener orders = subscribe(0, EventFilter.aggregateTypes(ORDER), new RecordingListener());
        RecordingListener ordersAndShipments =
                subscribe(0, EventFilter.aggregateTypes(ORDER, SHIPMENT), new RecordingListener());
        RecordingListener everything = subscribe(0, EventFilter.all(), new RecordingListener());
        RecordingListener nothing = subscribe(
                0, EventFilter.aggregateTypes(AggregateType.of("nothing-" + tag)), new RecordingListener());
        StreamId order = newStream(ORDER);
        StreamId invoice = newStream(INVOICE);
        StreamId shipment = newStream(SHIPMENT);

        for (int i = 0; i < 3; i++) {
            join(store.append(order, ExpectedVersion.any(), events("o" + i)));
            join(store.append(invoice, ExpectedVersion.any(), events("i" + i)));
            join(store.append(shipment, ExpectedVersion.any(), events("s" + i)));
        }

        eventually().untilAsserted(() -> {
            assertThat(everything.commits()).hasSize(9);
            assertThat(bodies(orders.commits())).containsExactly("o0", "o1", "o2");
            assertThat(bodies(ordersAndShipments.commits())).containsExactly("o0", "s0", "o1", "s1", "o2", "s2");
            assertThat(nothing.liveCalls()).isEqualTo(1);
        });
        assertThat(nothing.commits()).isEmpty();
        assertThat(orders.liveCalls()).isEqualTo(1);
    }

    @Test
    void lets_a_listener_append_and_wait_for_the_result_without_deadlocking() {
        StreamId chain = newStream(ORDER);
        RecordingListener listener = subscribe(0, EventFilter.all(), new RecordingListener(commit -> {
            if (commit.stream().equals(chain) && commit.lastVersion() < 10) {
                join(store.append(chain, ExpectedVersion.exactly(commit.lastVersion()),
                        events("step-" + (commit.lastVersion() + 1))));
            }
        }));

        join(store.append(chain, ExpectedVersion.noStream(), events("step-1")));

        eventually().untilAsserted(() -> {
            listener.assertNoErrorsOrOverlaps();
            assertThat(listener.commits()).hasSize(10);
        });
        assertThat(readStream(chain)).extracting(event -> text(event.data()))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> "step-" + i).toList());
    }

    @Test
    void keeps_writers_going_while_a_listener_is_blocked() {
        StreamId stream = newStream(ORDER);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener slow = subscribe(0, EventFilter.all(), new RecordingListener(commit -> {
            if (commit.firstVersion() == 1) {
                awaitQuietly(release);
            }
        }));
        try {
            join(store.append(stream, ExpectedVersion.noStream(), events("e0")));
            eventually().untilAsserted(() -> assertThat(slow.commits()).hasSize(1));

            for (int i = 1; i <= 100; i++) {
                // Each append must complete although the listener has not returned from the first commit.
                join(store.append(stream, ExpectedVersion.exactly(i), events("e" + i)));
            }
            assertThat(readStream(stream)).hasSize(101);
            eventually().untilAsserted(() -> assertThat(slow.subscription().pending()).isPositive());
            assertThat(slow.commits()).hasSize(1);
        } finally {
            release.countDown();
        }

        eventually().untilAsserted(() -> assertThat(slow.commits()).hasSize(101));
        assertThat(bodies(slow.commits()))
                .containsExactlyElementsOf(IntStream.rangeClosed(0, 100).mapToObj(i -> "e" + i).toList());
        eventually().untilAsserted(() -> assertThat(slow.subscription().pending()).isZero());
        slow.assertNoErrorsOrOverlaps();
    }

    @Test
    void delivers_nothing_after_the_subscription_is_closed() {
        StreamId stream = newStream(ORDER);
        RecordingListener closed = subscribe(0, EventFilter.all(), new RecordingListener());
        join(store.append(stream, ExpectedVersion.any(), events("before-1")));
        join(store.append(stream, ExpectedVersion.any(), events("before-2")));
        eventually().untilAsserted(() -> assertThat(closed.commits()).hasSize(2));

        closed.subscription().close();
        closed.markClosed();
        for (int i = 0; i < 5; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("after-" + i)));
        }

        RecordingListener probe = subscribe(0, EventFilter.all(), new RecordingListener());
        eventually().untilAsserted(() -> assertThat(probe.commits()).hasSize(7));
        assertThat(bodies(closed.commits())).containsExactly("before-1", "before-2");
        closed.assertNoErrorsOrOverlaps();
    }

    @Test
    void lets_a_listener_close_its_own_subscription() {
        StreamId stream = newStream(ORDER);
        AtomicReference<Subscription> self = new AtomicReference<>();
        RecordingListener listener = new RecordingListener(commit -> {
            if (commit.lastVersion() == 2) {
                self.get().close();
            }
        });
        self.set(subscribe(0, EventFilter.all(), listener).subscription());
        eventually().untilAsserted(() -> assertThat(listener.liveCalls()).isEqualTo(1));

        for (int i = 1; i <= 5; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("e" + i)));
        }

        RecordingListener probe = subscribe(0, EventFilter.all(), new RecordingListener());
        eventually().untilAsserted(() -> assertThat(probe.commits()).hasSize(5));
        // The self-closing listener may still be on its way to e2 when the probe is done: wait for it, then
        // check that nothing after e2 ever arrives.
        eventually().untilAsserted(() -> assertThat(bodies(listener.commits())).contains("e2"));
        assertThat(bodies(listener.commits())).containsExactly("e1", "e2");
        listener.assertNoErrorsOrOverlaps();
    }

    @Test
    void ends_the_subscription_with_the_error_its_listener_throws() {
        StreamId stream = newStream(ORDER);
        RuntimeException boom = new IllegalStateException("listener failed on purpose");
        RecordingListener failing = subscribe(0, EventFilter.all(), new RecordingListener(commit -> {
            if (commit.lastVersion() == 2) {
                throw boom;
            }
        }));

        for (int i = 1; i <= 4; i++) {
            join(store.append(stream, ExpectedVersion.any(), events("e" + i)));
        }

        eventually().untilAsserted(() -> assertThat(failing.errors()).containsExactly(boom));
        RecordingListener probe = subscribe(0, EventFilter.all(), new RecordingListener());
        eventually().untilAsserted(() -> assertThat(probe.commits()).hasSize(4));
        assertThat(bodies(failing.commits())).containsExactly("e1", "e2");
        assertThat(failing.errors()).containsExactly(boom);
    }

    // ---------------------------------------------------------------- helpers

    private StreamId newStream(AggregateType type) {
        return new StreamId(type, type.name() + "-" + UUID.randomUUID());
    }

    private List<RecordedEvent> readStream(StreamId stream) {
        return join(store.readStream(stream, 1));
    }

    private List<RecordedCommit> readAllCommits(EventFilter filter) {
        List<RecordedCommit> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<RecordedCommit> page = join(store.readAll(after, 97, filter));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).position();
        }
    }

    private <L extends RecordingListener> L subscribe(long afterPosition, EventFilter filter, L listener) {
        Subscription subscription = store.subscribe(afterPosition, filter, listener);
        subscriptions.add(subscription);
        listener.attach(subscription);
        return listener;
    }

    private ExecutorService newPool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        executors.add(pool);
        return pool;
    }

    /** True if the append succeeded, false on a concurrency conflict; any other outcome fails the test. */
    private static boolean won(CompletionStage<AppendResult> attempt) {
        try {
            attempt.toCompletableFuture().get(TIMEOUT.toMillis(), MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
            if (cause instanceof ConcurrencyConflictException) {
                return false;
            }
            throw new AssertionError("append failed with something other than a conflict", cause);
        } catch (TimeoutException e) {
            throw new AssertionError("append not completed within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<EventData> events(String... bodies) {
        return Arrays.stream(bodies).map(EventStoreContract::event).toList();
    }

    private static EventData event(String body) {
        return new EventData("test.happened.v1", bytes(body));
    }

    private static List<EventData> numberedEvents(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> event(Integer.toString(i))).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    private static List<Long> versions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::version).toList();
    }

    private static List<Long> versionsUpTo(long lastVersion) {
        return LongStream.rangeClosed(1, lastVersion).boxed().toList();
    }

    private static List<Long> positions(List<RecordedCommit> commits) {
        return commits.stream().map(RecordedCommit::position).toList();
    }

    private static List<String> bodies(List<RecordedCommit> commits) {
        return commits.stream()
                .flatMap(commit -> commit.events().stream())
                .map(event -> text(event.data()))
                .toList();
    }

    /**
     * Records what a subscription delivers and checks the listener rules on the way: one call at a time, no
     * call after {@link Subscription#close()} returned.
     */
    static class RecordingListener implements CommitListener {

        private final Consumer<RecordedCommit> reaction;
        private final List<RecordedCommit> commits = new ArrayList<>();
        private final List<String> timeline = new ArrayList<>();
        private final List<Throwable> errors = new ArrayList<>();
        private final List<String> violations = new ArrayList<>();
        private final AtomicInteger liveCalls = new AtomicInteger();
        private final AtomicInteger callsInFlight = new AtomicInteger();
        private volatile boolean closed;
        private volatile Subscription subscription;

        RecordingListener() {
            this(commit -> { });
        }

        RecordingListener(Consumer<RecordedCommit> reaction) {
            this.reaction = reaction;
        }

        @Override
        public void onCommit(RecordedCommit commit) {
            enter("onCommit");
            try {
                synchronized (this) {
                    commits.add(commit);
                    timeline.add("commit@" + commit.position());
                }
                reaction.accept(commit);
            } finally {
                callsInFlight.decrementAndGet();
            }
        }

        @Override
        public void onLive() {
            enter("onLive");
            try {
                synchronized (this) {
                    timeline.add("live");
                }
                liveCalls.incrementAndGet();
            } finally {
                callsInFlight.decrementAndGet();
            }
        }

        @Override
        public synchronized void onError(Throwable error) {
            errors.add(error);
        }

        private void enter(String call) {
            if (callsInFlight.incrementAndGet() > 1) {
                recordViolation(call + " while another call was running");
            }
            if (closed) {
                recordViolation(call + " after the subscription was closed");
            }
        }

        private synchronized void recordViolation(String violation) {
            violations.add(violation);
        }

        void attach(Subscription subscription) {
            this.subscription = subscription;
        }

        Subscription subscription() {
            return subscription;
        }

        void markClosed() {
            closed = true;
        }

        synchronized List<RecordedCommit> commits() {
            return List.copyOf(commits);
        }

        synchronized List<String> timeline() {
            return List.copyOf(timeline);
        }

        synchronized List<Throwable> errors() {
            return List.copyOf(errors);
        }

        int liveCalls() {
            return liveCalls.get();
        }

        synchronized void assertNoErrorsOrOverlaps() {
            assertThat(errors).as("subscription errors").isEmpty();
            assertThat(violations).as("listener rule violations").isEmpty();
            assertThat(positions(commits)).as("delivered positions").isSortedAccordingTo(Long::compare)
                    .doesNotHaveDuplicates();
        }
    }
}
