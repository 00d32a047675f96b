package io.clstr.application.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueUnreachableException;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Membership judgements, step by step on a manual monotonic clock: heartbeat interval 1 s, TTL 5 s. Each step
 * advances time by one interval, then every node heartbeats and observes. Stores can be cut per node: "down"
 * (reached, but takes no calls, as during a leader election) or "unreachable" (no connection).
 */
class MembershipTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TTL = Duration.ofSeconds(5);

    private final KeyValueStore shared = new InMemoryKeyValueStore();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Map<String, Cut> stores = new TreeMap<>();
    private final Map<String, Membership> nodes = new TreeMap<>();

    private Membership node(String id) {
        Cut store = new Cut(shared);
        stores.put(id, store);
        Membership membership = new Membership(id, store, TTL, INTERVAL, Clock.systemUTC(), nanos::get);
        nodes.put(id, membership);
        return membership;
    }

    /** One interval passes; the listed nodes (all if none) heartbeat, then all observe. */
    private void step(String... beating) {
        nanos.addAndGet(INTERVAL.toNanos());
        List<String> which = beating.length == 0 ? List.copyOf(nodes.keySet()) : List.of(beating);
        which.forEach(id -> nodes.get(id).heartbeat());
        nodes.values().forEach(Membership::observe);
    }

    private void steps(int count, String... beating) {
        for (int i = 0; i < count; i++) {
            step(beating);
        }
    }

    private List<String> live(String id) {
        return new ArrayList<>(nodes.get(id).view().live().keySet());
    }

    @Test
    void members_see_each_other_after_a_round() {
        node("a");
        node("b");
        steps(2);

        assertThat(live("a")).containsExactly("a", "b");
        assertThat(live("b")).containsExactly("a", "b");
        assertThat(nodes.get("a").view().assignable()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void a_member_that_stops_writing_while_the_store_takes_writes_is_gone_after_a_ttl() {
        node("a");
        node("b");
        steps(2);

        steps(4, "a");
        assertThat(live("a")).as("4 s without b's heartbeat").contains("b");
        steps(2, "a");
        assertThat(live("a")).as("6 s without b's heartbeat").containsExactly("a");
        assertThat(nodes.get("a").mayBeAlive("b")).isFalse();
    }

    @Test
    void a_store_that_takes_no_writes_counts_against_nobody() {
        node("a");
        node("b");
        node("c");
        steps(2);

        stores.values().forEach(store -> store.down = true);
        steps(12);
        for (String id : nodes.keySet()) {
            assertThat(nodes.get(id).view().selfLive()).as("%s live after 12 s of an unwritable store", id).isTrue();
            assertThat(live(id)).as("members %s sees", id).containsExactly("a", "b", "c");
        }

        stores.values().forEach(store -> store.down = false);
        steps(8);
        for (String id : nodes.keySet()) {
            assertThat(live(id)).as("members %s sees once the store is back", id).containsExactly("a", "b", "c");
        }
    }

    @Test
    void a_store_that_stays_unwritable_is_held_for_at_most_three_ttls() {
        node("a");
        step();
        stores.get("a").down = true;

        steps(15);
        assertThat(nodes.get("a").view().selfLive()).as("after 15 s").isTrue();
        steps(2);
        assertThat(nodes.get("a").view().selfLive()).as("after 17 s").isFalse();
    }

    @Test
    void a_node_that_loses_the_store_alone_stops_before_the_others_may_take_its_shards() {
        node("a");
        node("b");
        steps(2);

        // b is cut off from the store (reads too) while a goes on: b cannot tell this from an election.
        stores.get("b").down = true;
        int aJudgedBGoneAt = -1;
        int bStoppedAt = -1;
        int aMayTakeOverAt = -1;
        for (int second = 1; second <= 25; second++) {
            step();
            if (aJudgedBGoneAt < 0 && !live("a").contains("b")) {
                aJudgedBGoneAt = second;
            }
            if (bStoppedAt < 0 && !nodes.get("b").view().selfLive()) {
                bStoppedAt = second;
            }
            if (aMayTakeOverAt < 0 && !nodes.get("a").mayBeAlive("b") && !nodes.get("a").withinHold("b")) {
                aMayTakeOverAt = second;
            }
        }

        assertThat(aJudgedBGoneAt).as("second a judged b gone").isBetween(5, 7);
        assertThat(bStoppedAt).as("second b stopped serving").isPositive();
        assertThat(aMayTakeOverAt).as("second a may take b's shards even if b still answers").isPositive();
        assertThat(bStoppedAt).isLessThan(aMayTakeOverAt);
    }

    @Test
    void a_node_whose_writes_fail_while_others_write_stops_about_when_they_call_it_gone() {
        node("a");
        node("b");
        steps(2);

        stores.get("b").failWrites = true;
        steps(4);
        assertThat(nodes.get("b").view().selfLive()).as("after 4 s").isTrue();
        assertThat(live("a")).as("a after 4 s").contains("b");
        steps(1);
        assertThat(live("a")).as("a after 5 s").doesNotContain("b");
        assertThat(nodes.get("a").withinHold("b")).as("a waits out b's hold if b still answers").isTrue();
        steps(1);
        assertThat(nodes.get("b").view().selfLive()).as("after 6 s").isFalse();
    }

    @Test
    void a_node_that_cannot_reach_the_store_stops_within_the_ttl_and_comes_back() {
        node("a");
        step();
        stores.get("a").unreachable = true;

        steps(4);
        assertThat(nodes.get("a").view().selfLive()).as("after 4 s").isTrue();
        step();
        assertThat(nodes.get("a").view().selfLive()).as("after 5 s").isFalse();
        assertThat(nodes.get("a").view().live()).isEmpty();

        stores.get("a").unreachable = false;
        step();
        assertThat(nodes.get("a").view().selfLive()).isTrue();
    }

    @Test
    void a_node_stops_in_time_even_when_its_observer_is_stuck_on_slow_reads() {
        Membership a = node("a");
        step();
        stores.get("a").unreachable = true;

        // No observation after this: the view still says live, the answer of the moment does not.
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(a.selfLiveNow()).as("4 s after the last write").isTrue();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(a.view().selfLive()).as("the view, not judged again").isTrue();
        assertThat(a.selfLiveNow()).as("just past the grace").isFalse();
    }

    @Test
    void a_hold_lasts_while_heartbeats_still_reach_the_store_and_ends_when_nothing_does() {
        Membership a = node("a");
        step();
        stores.get("a").down = true;
        steps(6);
        assertThat(a.selfLiveNow()).as("held, judged just now").isTrue();

        // The observer is stuck from here on; only heartbeats run (they fail, but reach the store).
        for (int second = 1; second <= 3; second++) {
            nanos.addAndGet(INTERVAL.toNanos());
            a.heartbeat();
        }
        assertThat(a.selfLiveNow()).as("3 s later, the store still answering").isTrue();

        stores.get("a").unreachable = true;
        for (int second = 1; second <= 4; second++) {
            nanos.addAndGet(INTERVAL.toNanos());
            a.heartbeat();
        }
        assertThat(a.selfLiveNow()).as("4 s after the store was last reached").isTrue();
        nanos.addAndGet(1);
        assertThat(a.selfLiveNow()).as("just past it").isFalse();
    }

    @Test
    void a_member_that_left_is_gone_at_once_and_a_leaving_one_gets_no_shards() {
        node("a");
        Membership b = node("b");
        steps(2);

        b.markLeaving();
        step();
        assertThat(live("a")).containsExactly("a", "b");
        assertThat(nodes.get("a").view().assignable()).containsExactly("a");

        b.leave();
        nodes.remove("b");
        step();
        assertThat(live("a")).containsExactly("a");
    }

    @Test
    void a_lease_holder_never_observed_counts_as_alive_while_its_entry_exists() {
        Membership a = node("a");
        step();
        shared.put("members/ghost", "active".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(a.mayBeAlive("ghost")).isTrue();
        assertThat(a.mayBeAlive("nobody")).isFalse();
        steps(7, "a");
        assertThat(a.mayBeAlive("ghost")).as("silent for a TTL of writable time").isFalse();
    }

    /** A node's view of the shared store, which can be cut. */
    private static final class Cut implements KeyValueStore {
        private final KeyValueStore delegate;
        boolean down;
        boolean unreachable;
        boolean failWrites;

        Cut(KeyValueStore delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (unreachable) {
                throw new KeyValueUnreachableException("not connected", null);
            }
            if (down) {
                throw new KeyValueException("no leader");
            }
        }

        @Override
        public Optional<KeyValueEntry> get(String key) {
            check();
            return delegate.get(key);
        }

        @Override
        public long put(String key, byte[] value) {
            check();
            if (failWrites) {
                throw new KeyValueException("write refused");
            }
            return delegate.put(key, value);
        }

        @Override
        public long create(String key, byte[] value) {
            check();
            return delegate.create(key, value);
        }

        @Override
        public long update(String key, byte[] value, long expectedRevision) {
            check();
            return delegate.update(key, value, expectedRevision);
        }

        @Override
        public void delete(String key) {
            check();
            delegate.delete(key);
        }

        @Override
        public void delete(String key, long expectedRevision) {
            check();
            delegate.delete(key, expectedRevision);
        }

        @Override
        public List<String> keys(String prefix) {
            check();
            return delegate.keys(prefix);
        }

        @Override
        public KeyValueWatch watch(String prefix, KeyValueListener listener) {
            return delegate.watch(prefix, listener);
        }
    }
}
