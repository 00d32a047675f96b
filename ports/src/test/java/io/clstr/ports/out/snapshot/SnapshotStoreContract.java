package io.clstr.ports.out.snapshot;

import static io.clstr.ports.out.AsyncTesting.TIMEOUT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link SnapshotStore}, run against every adapter. A subclass supplies the store.
 *
 * <p>Every test gets a store from {@link #createStore()}, handed to {@link #releaseStore} afterwards. Streams
 * are unique per test (their aggregate types carry a per-test tag), so stores may also be shared.
 * {@link #createStore()} runs in this class's {@code @BeforeEach}, before any of the subclass: prepare shared
 * resources (a server, a connection) in {@code @BeforeAll} or on first use. The store must have a size limit
 * ({@link SnapshotStore#maxStateBytes()}) between 200,000 bytes and 16 MiB, which a test fills.
 */
public abstract class SnapshotStoreContract {

    private static final Instant TAKEN_AT = Instant.parse("2026-03-04T05:06:07.123456789Z");

    private final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final AggregateType order = AggregateType.of("order-" + tag);
    private SnapshotStore store;

    /** A store that only the current test uses (or one whose other streams cannot clash with this test's). */
    protected abstract SnapshotStore createStore();

    /** Releases what {@link #createStore()} made. Called after each test; does nothing by default. */
    protected void releaseStore(SnapshotStore store) {
    }

    @BeforeEach
    protected final void createTheStore() {
        store = createStore();
    }

    @AfterEach
    protected final void releaseTheStore() {
        releaseStore(store);
    }

    @Test
    void saves_and_loads_a_snapshot_with_every_field() {
        StreamId stream = newStream();
        byte[] state = new byte[256];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) i;
        }
        Snapshot snapshot = new Snapshot(stream, 42, 1234, "order.state.v3", 3, state, TAKEN_AT);

        store.save(snapshot);

        Snapshot loaded = store.load(stream).orElseThrow();
        assertThat(loaded.stream()).isEqualTo(stream);
        assertThat(loaded.version()).isEqualTo(42);
        assertThat(loaded.position()).isEqualTo(1234);
        assertThat(loaded.stateType()).isEqualTo("order.state.v3");
        assertThat(loaded.schemaVersion()).isEqualTo(3);
        assertThat(loaded.state()).containsExactly(state);
        assertThat(loaded.takenAt()).isEqualTo(TAKEN_AT);
    }

    @Test
    void round_trips_an_empty_state_and_a_large_one() {
        StreamId empty = newStream();
        StreamId large = newStream();
        byte[] largeState = new byte[200_000];
        for (int i = 0; i < largeState.length; i++) {
            largeState[i] = (byte) (i * 31);
        }

        store.save(new Snapshot(empty, 1, 1, "order.state.v1", 1, new byte[0], TAKEN_AT));
        store.save(new Snapshot(large, 1, 2, "order.state.v1", 1, largeState, TAKEN_AT));

        assertThat(store.load(empty).orElseThrow().state()).isEmpty();
        assertThat(store.load(large).orElseThrow().state()).containsExactly(largeState);
    }

    @Test
    void saves_a_state_of_the_largest_size_it_takes_and_refuses_a_larger_one() {
        long max = store.maxStateBytes();
        assertThat(max).as("a contract store is given a limit a test can fill").isBetween(200_000L, 16L << 20);
        StreamId stream = newStream();
        byte[] largest = new byte[(int) max];
        Arrays.fill(largest, (byte) 7);
        store.save(new Snapshot(stream, 1, 1, "order.state.v1", 1, largest, TAKEN_AT));

        assertThatThrownBy(() -> store.save(new Snapshot(stream, 2, 2, "order.state.v1", 1, new byte[(int) max + 1],
                TAKEN_AT))).isInstanceOf(IllegalArgumentException.class);

        Snapshot loaded = store.load(stream).orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.state()).containsExactly(largest);
    }

    @Test
    void loads_nothing_for_a_stream_without_a_snapshot() {
        assertThat(store.load(newStream())).isEmpty();
    }

    @Test
    void replaces_a_snapshot_with_a_newer_one() {
        StreamId stream = newStream();
        store.save(snapshot(stream, 5, "five"));

        store.save(snapshot(stream, 9, "nine"));

        assertThat(loadedState(stream)).contains("nine");
        assertThat(store.load(stream).orElseThrow().version()).isEqualTo(9);
    }

    @Test
    void keeps_the_stored_snapshot_when_an_older_one_is_saved() {
        StreamId stream = newStream();
        store.save(snapshot(stream, 9, "nine"));

        store.save(snapshot(stream, 5, "five"));

        assertThat(loadedState(stream)).contains("nine");
    }

    @Test
    void keeps_the_stored_snapshot_when_one_of_the_same_version_is_saved() {
        StreamId stream = newStream();
        store.save(snapshot(stream, 7, "first"));

        store.save(snapshot(stream, 7, "second"));

        assertThat(loadedState(stream)).contains("first");
    }

    @Test
    void deletes_a_snapshot_and_then_accepts_any_version_again() {
        StreamId stream = newStream();
        StreamId other = newStream();
        store.save(snapshot(stream, 9, "nine"));
        store.save(snapshot(other, 3, "other"));

        store.delete(stream);

        assertThat(store.load(stream)).isEmpty();
        assertThat(loadedState(other)).contains("other");
        store.save(snapshot(stream, 2, "two"));
        assertThat(loadedState(stream)).contains("two");
    }

    @Test
    void ignores_the_deletion_of_a_missing_snapshot() {
        StreamId stream = newStream();

        store.delete(stream);

        assertThat(store.load(stream)).isEmpty();
    }

    @Test
    void keeps_snapshots_of_look_alike_streams_apart() {
        AggregateType longer = AggregateType.of("order-" + tag + "-item");
        List<StreamId> streams = new ArrayList<>();
        streams.add(new StreamId(order, "item-99"));
        streams.add(new StreamId(longer, "99"));
        for (String id : List.of("a:b", "a", "b", "a-b", "a_b", "a.b", "a b", "a/b", "a%2Eb", "a%3Ab", "a*", "*",
                ">", "a.>", "A:B", "ä", "a\u0308", "日本", "😀", "x".repeat(StreamId.MAX_ID_LENGTH))) {
            streams.add(new StreamId(order, id));
        }
        streams.add(new StreamId(longer, "a:b"));

        for (int i = 0; i < streams.size(); i++) {
            store.save(snapshot(streams.get(i), 10 + i, "state of " + streams.get(i)));
        }

        for (int i = 0; i < streams.size(); i++) {
            StreamId stream = streams.get(i);
            Snapshot loaded = store.load(stream).orElseThrow(() -> new AssertionError("no snapshot of " + stream));
            assertThat(loaded.stream()).isEqualTo(stream);
            assertThat(loaded.version()).isEqualTo(10 + i);
            assertThat(new String(loaded.state(), UTF_8)).isEqualTo("state of " + stream);
        }
        store.delete(new StreamId(order, "a:b"));
        assertThat(store.load(new StreamId(order, "a:b"))).isEmpty();
        assertThat(store.load(new StreamId(longer, "a:b"))).isPresent();
        assertThat(store.load(new StreamId(order, "a-b"))).isPresent();
        assertThat(store.load(new StreamId(order, "a"))).isPresent();
    }

    @Test
    void never_moves_a_snapshot_backwards_under_concurrent_saves() throws Exception {
        StreamId stream = newStream();
        int savers = 4;
        int versions = 60;
        ExecutorService pool = Executors.newFixedThreadPool(savers);
        try {
            CyclicBarrier start = new CyclicBarrier(savers);
            List<Future<?>> work = new ArrayList<>();
            for (int saver = 0; saver < savers; saver++) {
                List<Integer> saveOrder = new ArrayList<>(IntStream.rangeClosed(1, versions).boxed().toList());
                Collections.shuffle(saveOrder);
                work.add(pool.submit(() -> {
                    start.await(TIMEOUT.toMillis(), MILLISECONDS);
                    for (int version : saveOrder) {
                        store.save(snapshot(stream, version, "v" + version));
                    }
                    return null;
                }));
            }
            for (Future<?> saver : work) {
                saver.get(TIMEOUT.toMillis() * 3, MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Snapshot loaded = store.load(stream).orElseThrow();
        assertThat(loaded.version()).isEqualTo(versions);
        assertThat(new String(loaded.state(), UTF_8)).isEqualTo("v" + versions);
    }

    private StreamId newStream() {
        return new StreamId(order, "o-" + UUID.randomUUID());
    }

    private static Snapshot snapshot(StreamId stream, long version, String state) {
        return new Snapshot(stream, version, version * 10, "order.state.v1", 1, state.getBytes(UTF_8), TAKEN_AT);
    }

    private Optional<String> loadedState(StreamId stream) {
        return store.load(stream).map(snapshot -> new String(snapshot.state(), UTF_8));
    }
}
