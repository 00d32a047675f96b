package io.clstr.ports.out.keyvalue;

import static io.clstr.ports.out.AsyncTesting.TIMEOUT;
import static io.clstr.ports.out.AsyncTesting.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link KeyValueStore}, run against every adapter. A subclass supplies the stores.
 *
 * <p>Each test gets new, empty stores from {@link #createStore()} and {@link #createStore(Duration)}; each is
 * handed to {@link #releaseStore} afterwards. Keys live under a per-test root segment anyway. Invalid keys and
 * prefixes are programming errors: they throw {@link IllegalArgumentException}.
 *
 * <p>{@link #createStore()} runs in this class's {@code @BeforeEach}, before any of the subclass: prepare shared
 * resources (a server, a connection) in {@code @BeforeAll} or on first use.
 */
public abstract class KeyValueStoreContract {

    private final List<KeyValueStore> stores = new CopyOnWriteArrayList<>();
    private final List<KeyValueWatch> watches = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    private final String root = "kv-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private KeyValueStore store;

    /** A new, empty store without a maximum age, used by the current test only. */
    protected abstract KeyValueStore createStore();

    /** A new, empty store whose entries disappear when not written for {@code maxAge}. */
    protected abstract KeyValueStore createStore(Duration maxAge);

    /** Releases a store made by a factory method. Called after each test; does nothing by default. */
    protected void releaseStore(KeyValueStore store) {
    }

    @BeforeEach
    protected final void createTheStore() {
        store = newStore();
    }

    @AfterEach
    protected final void releaseTheStores() throws InterruptedException {
        watches.forEach(KeyValueWatch::close);
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(TIMEOUT.toMillis(), MILLISECONDS);
        }
        stores.forEach(this::releaseStore);
    }

    // ---------------------------------------------------------------- reads and writes

    @Test
    void puts_and_gets_a_value_with_its_revision() {
        String key = key("a");
        Instant before = Instant.now();

        long revision = store.put(key, bytes("one"));

        KeyValueEntry entry = store.get(key).orElseThrow();
        assertThat(revision).isPositive();
        assertThat(entry.key()).isEqualTo(key);
        assertThat(text(entry.value())).isEqualTo("one");
        assertThat(entry.revision()).isEqualTo(revision);
        // Only rules out a missing or made-up time.
        assertThat(entry.updatedAt()).isCloseTo(before, within(1, ChronoUnit.HOURS));
    }

    @Test
    void round_trips_binary_and_empty_values() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }

        store.put(key("binary"), everyByte);
        store.put(key("empty"), new byte[0]);

        assertThat(store.get(key("binary")).orElseThrow().value()).containsExactly(everyByte);
        assertThat(store.get(key("empty")).orElseThrow().value()).isEmpty();
    }

    @Test
    void gets_nothing_for_a_missing_key() {
        assertThat(store.get(key("missing"))).isEmpty();
    }

    @Test
    void overwrites_a_value_with_put_under_a_higher_revision() {
        String key = key("a");
        long first = store.put(key, bytes("one"));

        long second = store.put(key, bytes("two"));

        assertThat(second).isGreaterThan(first);
        assertThat(value(key)).contains("two");
        assertThat(store.get(key).orElseThrow().revision()).isEqualTo(second);
    }

    @Test
    void gives_every_write_a_higher_revision_than_any_before_it_across_keys() {
        List<Long> revisions = new ArrayList<>();

        revisions.add(store.put(key("a"), bytes("1")));
        revisions.add(store.put(key("b"), bytes("2")));
        revisions.add(store.put(key("a"), bytes("3")));
        revisions.add(store.create(key("c"), bytes("4")));
        revisions.add(store.update(key("b"), bytes("5"), revisions.get(1)));
        store.delete(key("c"));
        revisions.add(store.create(key("c"), bytes("6")));
        revisions.add(store.put(key("d"), bytes("7")));

        assertThat(revisions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(revisions.get(0)).isPositive();
    }

    @Test
    void creates_only_keys_that_are_absent() {
        String key = key("a");
        long created = store.create(key, bytes("first"));

        assertThatThrownBy(() -> store.create(key, bytes("second"))).isInstanceOf(KeyExistsException.class);

        assertThat(value(key)).contains("first");
        assertThat(store.get(key).orElseThrow().revision()).isEqualTo(created);
    }

    @Test
    void creates_a_key_again_after_it_was_deleted() {
        String key = key("a");
        long first = store.create(key, bytes("first"));
        store.delete(key);

        long second = store.create(key, bytes("second"));

        assertThat(second).isGreaterThan(first);
        assertThat(value(key)).contains("second");
    }

    @Test
    void updates_only_at_the_expected_revision() {
        String key = key("a");
        long first = store.put(key, bytes("one"));
        long second = store.update(key, bytes("two"), first);

        assertThatThrownBy(() -> store.update(key, bytes("stale"), first))
                .isInstanceOf(WrongRevisionException.class);
        assertThatThrownBy(() -> store.update(key, bytes("future"), second + 1000))
                .isInstanceOf(WrongRevisionException.class);

        assertThat(second).isGreaterThan(first);
        KeyValueEntry entry = store.get(key).orElseThrow();
        assertThat(text(entry.value())).isEqualTo("two");
        assertThat(entry.revision()).isEqualTo(second);
        assertThat(store.update(key, bytes("three"), second)).isGreaterThan(second);
        assertThat(value(key)).contains("three");
    }

    @Test
    void refuses_to_update_a_missing_or_deleted_key() {
        String missing = key("missing");
        String deleted = key("deleted");
        long revision = store.put(deleted, bytes("gone soon"));
        store.delete(deleted);

        assertThatThrownBy(() -> store.update(missing, bytes("x"), revision))
                .isInstanceOf(WrongRevisionException.class);
        assertThatThrownBy(() -> store.update(deleted, bytes("x"), revision))
                .isInstanceOf(WrongRevisionException.class);

        assertThat(store.get(missing)).isEmpty();
        assertThat(store.get(deleted)).isEmpty();
    }

    @Test
    void deletes_a_key() {
        String key = key("a");
        store.put(key, bytes("one"));
        store.put(key("b"), bytes("two"));

        store.delete(key);

        assertThat(store.get(key)).isEmpty();
        assertThat(store.keys(root + "/")).containsExactly(key("b"));
        long again = store.put(key, bytes("again"));
        assertThat(store.get(key).orElseThrow().revision()).isEqualTo(again);
    }

    @Test
    void ignores_the_deletion_of_a_missing_key() {
        store.delete(key("missing"));

        assertThat(store.get(key("missing"))).isEmpty();
        assertThat(store.keys(root + "/")).isEmpty();
    }

    @Test
    void deletes_only_at_the_expected_revision() {
        String key = key("a");
        long first = store.put(key, bytes("one"));
        long second = store.put(key, bytes("two"));

        assertThatThrownBy(() -> store.delete(key, first)).isInstanceOf(WrongRevisionException.class);
        assertThat(value(key)).contains("two");
        assertThatThrownBy(() -> store.delete(key("missing"), first)).isInstanceOf(WrongRevisionException.class);

        store.delete(key, second);

        assertThat(store.get(key)).isEmpty();
        assertThatThrownBy(() -> store.delete(key, second)).isInstanceOf(WrongRevisionException.class);
    }

    // ---------------------------------------------------------------- listing keys

    @Test
    void lists_present_keys_under_a_prefix_by_whole_segments_in_sorted_order() {
        List<String> keys = List.of(key("b/a"), key("a/c/d"), key("ab"), key("a"), key("a/b"), key("a/c"),
                key("a-b/x"), key("gone/x"));
        for (String key : keys) {
            store.put(key, bytes(key));
        }
        store.delete(key("gone/x"));

        assertThat(store.keys(root + "/a/")).containsExactly(key("a/b"), key("a/c"), key("a/c/d"));
        assertThat(store.keys(root + "/a/c/")).containsExactly(key("a/c/d"));
        assertThat(store.keys(root + "/b/")).containsExactly(key("b/a"));
        assertThat(store.keys(root + "/gone/")).isEmpty();
        assertThat(store.keys(root + "/nothing/")).isEmpty();
        assertThat(store.keys(root + "/")).containsExactly(
                key("a"), key("a-b/x"), key("a/b"), key("a/c"), key("a/c/d"), key("ab"), key("b/a"));
    }

    @Test
    void lists_every_present_key_for_the_empty_prefix() {
        List<String> keys = List.of(key("z"), key("a/b"), "top-" + root, root + "-other/x");
        for (String key : keys) {
            store.put(key, bytes(key));
        }

        assertThat(store.keys("")).containsExactlyElementsOf(keys.stream().sorted().toList());
    }

    @Test
    void rejects_malformed_keys_and_prefixes() {
        for (String malformed : List.of("", "/", "/a", "a/", "a//b", "a/\n/b", "a\tb")) {
            assertThatThrownBy(() -> store.put(malformed, bytes("x")))
                    .as("put '%s'", malformed).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.get(malformed))
                    .as("get '%s'", malformed).isInstanceOf(IllegalArgumentException.class);
        }
        for (String malformed : List.of("a", root, "/", "a//", "/a/")) {
            assertThatThrownBy(() -> store.keys(malformed))
                    .as("keys '%s'", malformed).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void round_trips_keys_with_special_characters_without_collisions() {
        List<String> segments = List.of("a.b", "a_b", "a-b", "a b", "a", "b", "ab", "a*", "*", "a>", ">", "a.>",
                "a:b", "a=b", "a%b", "%", "%2E", "a%2Eb", "a%2eb", "=", "-", "_", ".", "..", "~", "A", "A.B", "ä",
                "a\u0308", "€", "日本語", "😀", "a+b", "a'b", "a\"b", "a\\b", " a", "a ");
        List<String> keys = new ArrayList<>();
        for (String segment : segments) {
            keys.add(root + "/" + segment);
        }
        keys.add(root + "/a.b/x");
        keys.add(root + "/a_b/x");
        keys.add(root + "/a/b.x");

        for (String key : keys) {
            store.create(key, bytes(key));
        }

        for (String key : keys) {
            KeyValueEntry entry = store.get(key).orElseThrow(() -> new AssertionError("lost key '" + key + "'"));
            assertThat(entry.key()).isEqualTo(key);
            assertThat(text(entry.value())).as("value of '%s'", key).isEqualTo(key);
        }
        assertThat(store.keys(root + "/")).containsExactlyElementsOf(keys.stream().sorted().toList());
        assertThat(store.keys(root + "/a.b/")).containsExactly(root + "/a.b/x");
        assertThat(store.keys(root + "/a/")).containsExactly(root + "/a/b.x");
        assertThat(store.keys(root + "/*/")).isEmpty();
        store.delete(root + "/a.b");
        assertThat(store.get(root + "/a_b")).isPresent();
        assertThat(store.get(root + "/a%2Eb")).isPresent();
        assertThat(store.get(root + "/a.b/x")).isPresent();
    }

    // ---------------------------------------------------------------- compare-and-set under contention

    @Test
    void lets_exactly_one_of_concurrent_updates_at_one_revision_win() throws Exception {
        String key = key("contended");
        int racers = 6;
        ExecutorService pool = newPool(racers);
        long revision = store.put(key, bytes("start"));

        for (int round = 0; round < 15; round++) {
            long expected = revision;
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<Long>> attempts = new ArrayList<>();
            for (int racer = 0; racer < racers; racer++) {
                String value = "racer-" + racer + "@" + round;
                attempts.add(pool.submit(() -> {
                    start.await(TIMEOUT.toMillis(), MILLISECONDS);
                    try {
                        return store.update(key, bytes(value), expected);
                    } catch (WrongRevisionException lost) {
                        return -1L;
                    }
                }));
            }
            List<Long> won = new ArrayList<>();
            for (Future<Long> attempt : attempts) {
                long result = attempt.get(TIMEOUT.toMillis(), MILLISECONDS);
                if (result >= 0) {
                    won.add(result);
                }
            }
            assertThat(won).as("winners of round %d", round).hasSize(1);
            revision = won.get(0);
            assertThat(store.get(key).orElseThrow().revision()).isEqualTo(revision);
            assertThat(value(key).orElseThrow()).endsWith("@" + round);
        }
    }

    @Test
    void lets_exactly_one_of_concurrent_creates_win() throws Exception {
        int racers = 6;
        ExecutorService pool = newPool(racers);

        for (int round = 0; round < 10; round++) {
            String key = key("created-" + round);
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int racer = 0; racer < racers; racer++) {
                String value = "racer-" + racer;
                attempts.add(pool.submit(() -> {
                    start.await(TIMEOUT.toMillis(), MILLISECONDS);
                    try {
                        store.create(key, bytes(value));
                        return true;
                    } catch (KeyExistsException lost) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get(TIMEOUT.toMillis(), MILLISECONDS) ? 1 : 0;
            }
            assertThat(winners).as("winners of round %d", round).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- watches

    @Test
    void watch_reports_present_entries_then_initial_values_done_then_later_changes_in_order() {
        String prefix = root + "/w/";
        long a = store.put(prefix + "a", bytes("a1"));
        store.put(prefix + "gone", bytes("x"));
        store.delete(prefix + "gone");
        long b = store.put(prefix + "b", bytes("b1"));
        store.put(root + "/x", bytes("outside"));
        store.put(root + "/wx", bytes("outside by segment"));

        RecordingWatcher watcher = watch(prefix);
        eventually().untilAsserted(() -> assertThat(watcher.doneCalls()).isEqualTo(1));
        assertThat(watcher.timeline()).containsExactly(
                "put " + prefix + "a=a1@" + a, "put " + prefix + "b=b1@" + b, "initial values done");

        long c = store.put(prefix + "c", bytes("c1"));
        store.put(root + "/x/y", bytes("outside"));
        store.put(root + "/wx", bytes("outside again"));
        store.delete(prefix + "a");
        long b2 = store.update(prefix + "b", bytes("b2"), b);
        long d = store.create(prefix + "deeper/d", bytes("d1"));

        eventually().untilAsserted(() -> assertThat(watcher.changes()).hasSize(6));
        List<String> timeline = watcher.timeline();
        assertThat(timeline.subList(3, 5)).containsExactly("put " + prefix + "c=c1@" + c, "delete " + prefix + "a");
        assertThat(timeline.subList(5, 7))
                .containsExactly("put " + prefix + "b=b2@" + b2, "put " + prefix + "deeper/d=d1@" + d);
        List<KeyValueChange> changes = watcher.changes();
        assertThat(changes).extracting(KeyValueChange::revision).isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        KeyValueChange delete = changes.get(3);
        assertThat(delete.isDelete()).isTrue();
        assertThat(delete.entry()).isEmpty();
        assertThat(delete.revision()).isGreaterThan(c).isLessThan(b2);
        assertThat(watcher.doneCalls()).isEqualTo(1);
        watcher.assertNoOverlaps();
    }

    @Test
    void watch_reports_initial_values_done_when_nothing_is_present() {
        String prefix = root + "/empty/";

        RecordingWatcher watcher = watch(prefix);

        eventually().untilAsserted(() -> assertThat(watcher.doneCalls()).isEqualTo(1));
        assertThat(watcher.changes()).isEmpty();
        long revision = store.put(prefix + "first", bytes("1"));
        eventually().untilAsserted(() -> assertThat(watcher.timeline())
                .containsExactly("initial values done", "put " + prefix + "first=1@" + revision));
    }

    @Test
    void watch_with_the_empty_prefix_reports_every_key() {
        long before = store.put(key("before"), bytes("1"));
        store.put("top-" + root, bytes("2"));

        RecordingWatcher watcher = watch("");
        eventually().untilAsserted(() -> assertThat(watcher.doneCalls()).isEqualTo(1));
        long after = store.put(key("after/deep"), bytes("3"));

        eventually().untilAsserted(() -> assertThat(watcher.changes()).hasSize(3));
        assertThat(watcher.changes()).extracting(KeyValueChange::key)
                .containsExactly(key("before"), "top-" + root, key("after/deep"));
        assertThat(watcher.changes().get(0).revision()).isEqualTo(before);
        assertThat(watcher.changes().get(2).revision()).isEqualTo(after);
    }

    @Test
    void watch_started_during_writes_misses_none_of_the_later_ones() throws Exception {
        String key = key("counter");
        int writes = 400;
        CountDownLatch someWritten = new CountDownLatch(50);
        ExecutorService pool = newPool(1);
        Future<?> writer = pool.submit(() -> {
            for (int i = 1; i <= writes; i++) {
                store.put(key, bytes(Integer.toString(i)));
                someWritten.countDown();
            }
            return null;
        });
        assertThat(someWritten.await(TIMEOUT.toMillis(), MILLISECONDS)).isTrue();

        RecordingWatcher watcher = watch(root + "/");
        writer.get(TIMEOUT.toMillis() * 3, MILLISECONDS);

        eventually().untilAsserted(() -> assertThat(watcher.changes()).last()
                .satisfies(change -> assertThat(text(change.entry().orElseThrow().value())).isEqualTo("400")));
        List<Integer> seen = watcher.changes().stream()
                .map(change -> Integer.parseInt(text(change.entry().orElseThrow().value())))
                .toList();
        int first = seen.get(0);
        assertThat(first).isGreaterThanOrEqualTo(50);
        assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(first, writes).boxed().toList());
        assertThat(watcher.changes()).extracting(KeyValueChange::revision).isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
        assertThat(watcher.doneCalls()).isEqualTo(1);
        watcher.assertNoOverlaps();
    }

    @Test
    void watch_reports_nothing_after_it_is_closed() {
        String prefix = root + "/closing/";
        store.put(prefix + "a", bytes("1"));
        RecordingWatcher closed = watch(prefix);
        eventually().untilAsserted(() -> assertThat(closed.doneCalls()).isEqualTo(1));
        store.put(prefix + "b", bytes("2"));
        eventually().untilAsserted(() -> assertThat(closed.changes()).hasSize(2));

        closed.watch().close();
        closed.markClosed();
        store.put(prefix + "c", bytes("3"));
        store.delete(prefix + "a");

        RecordingWatcher probe = watch(prefix);
        eventually().untilAsserted(() -> assertThat(probe.doneCalls()).isEqualTo(1));
        long marker = store.put(prefix + "marker", bytes("4"));
        eventually().untilAsserted(() -> assertThat(probe.changes()).last()
                .satisfies(change -> assertThat(change.revision()).isEqualTo(marker)));
        assertThat(closed.changes()).extracting(KeyValueChange::key).containsExactly(prefix + "a", prefix + "b");
        closed.assertNoOverlaps();
    }

    // ---------------------------------------------------------------- maximum age

    @Test
    void drops_entries_not_written_within_the_maximum_age_and_keeps_rewritten_ones() {
        KeyValueStore expiring = newStore(Duration.ofSeconds(1));
        String stale = key("stale");
        String fresh = key("fresh");
        expiring.put(stale, bytes("written once"));
        expiring.put(fresh, bytes("rewritten"));

        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            expiring.put(fresh, bytes("rewritten"));
            return expiring.get(stale).isEmpty();
        });

        assertThat(expiring.get(fresh)).isPresent();
        assertThat(expiring.keys(root + "/")).containsExactly(fresh);
        assertThat(expiring.keys("")).containsExactly(fresh);
        long recreated = expiring.create(stale, bytes("again"));
        assertThat(expiring.get(stale).orElseThrow().revision()).isEqualTo(recreated);
    }

    @Test
    void does_not_report_expiry_to_watches() {
        KeyValueStore expiring = newStore(Duration.ofSeconds(1));
        String prefix = root + "/expiring/";
        RecordingWatcher watcher = watch(expiring, prefix);
        eventually().untilAsserted(() -> assertThat(watcher.doneCalls()).isEqualTo(1));
        expiring.put(prefix + "stale", bytes("written once"));
        eventually().untilAsserted(() -> assertThat(watcher.changes()).hasSize(1));

        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> expiring.get(prefix + "stale").isEmpty());
        long marker = expiring.put(prefix + "marker", bytes("later"));

        eventually().untilAsserted(() -> assertThat(watcher.changes()).last()
                .satisfies(change -> assertThat(change.revision()).isEqualTo(marker)));
        assertThat(watcher.timeline()).containsExactly(
                "initial values done",
                "put " + prefix + "stale=written once@" + watcher.changes().get(0).revision(),
                "put " + prefix + "marker=later@" + marker);
    }

    // ---------------------------------------------------------------- helpers

    private KeyValueStore newStore() {
        KeyValueStore created = createStore();
        stores.add(created);
        return created;
    }

    private KeyValueStore newStore(Duration maxAge) {
        KeyValueStore created = createStore(maxAge);
        stores.add(created);
        return created;
    }

    private RecordingWatcher watch(String prefix) {
        return watch(store, prefix);
    }

    private RecordingWatcher watch(KeyValueStore target, String prefix) {
        RecordingWatcher watcher = new RecordingWatcher();
        KeyValueWatch watch = target.watch(prefix, watcher);
        watches.add(watch);
        watcher.attach(watch);
        return watcher;
    }

    private ExecutorService newPool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        executors.add(pool);
        return pool;
    }

    private String key(String rest) {
        return root + "/" + rest;
    }

    private Optional<String> value(String key) {
        return store.get(key).map(entry -> text(entry.value()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    /** Records what a watch reports and checks that calls never overlap or follow {@link KeyValueWatch#close}. */
    static final class RecordingWatcher implements KeyValueListener {

        private final List<KeyValueChange> changes = new ArrayList<>();
        private final List<String> timeline = new ArrayList<>();
        private final List<String> violations = new ArrayList<>();
        private final AtomicInteger doneCalls = new AtomicInteger();
        private final AtomicInteger callsInFlight = new AtomicInteger();
        private volatile boolean closed;
        private volatile KeyValueWatch watch;

        @Override
        public void onChange(KeyValueChange change) {
            enter("onChange");
            try {
                synchronized (this) {
                    changes.add(change);
                    timeline.add(change.entry()
                            .map(entry -> "put " + change.key() + "=" + text(entry.value()) + "@" + entry.revision())
                            .orElse("delete " + change.key()));
                    if (change.entry().isPresent() && change.entry().get().revision() != change.revision()) {
                        violations.add("change revision differs from its entry's: " + change);
                    }
                }
            } finally {
                callsInFlight.decrementAndGet();
            }
        }

        @Override
        public void onInitialValuesDone() {
            enter("onInitialValuesDone");
            try {
                synchronized (this) {
                    timeline.add("initial values done");
                }
                doneCalls.incrementAndGet();
            } finally {
                callsInFlight.decrementAndGet();
            }
        }

        private void enter(String call) {
            if (callsInFlight.incrementAndGet() > 1) {
                recordViolation(call + " while another call was running");
            }
            if (closed) {
                recordViolation(call + " after the watch was closed");
            }
        }

        private synchronized void recordViolation(String violation) {
            violations.add(violation);
        }

        void attach(KeyValueWatch watch) {
            this.watch = watch;
        }

        KeyValueWatch watch() {
            return watch;
        }

        void markClosed() {
            closed = true;
        }

        synchronized List<KeyValueChange> changes() {
            return List.copyOf(changes);
        }

        synchronized List<String> timeline() {
            return List.copyOf(timeline);
        }

        int doneCalls() {
            return doneCalls.get();
        }

        synchronized void assertNoOverlaps() {
            assertThat(violations).as("listener rule violations").isEmpty();
        }
    }
}
