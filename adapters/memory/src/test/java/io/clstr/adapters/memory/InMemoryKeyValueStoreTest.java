package io.clstr.adapters.memory;

import static io.clstr.ports.out.AsyncTesting.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueStoreContract;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    protected KeyValueStore createStore() {
        return new InMemoryKeyValueStore();
    }

    @Override
    protected KeyValueStore createStore(Duration maxAge) {
        return new InMemoryKeyValueStore(maxAge);
    }

    @Test
    void stamps_entries_with_the_injected_clock() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(clock);

        store.put("members/a", bytes("1"));

        assertThat(store.get("members/a").orElseThrow().updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void expires_an_entry_exactly_when_it_reaches_the_maximum_age() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(MAX_AGE, clock);
        store.put("members/a", bytes("1"));

        clock.advance(MAX_AGE.minusNanos(1));
        assertThat(store.get("members/a")).isPresent();
        assertThat(store.keys("members/")).containsExactly("members/a");

        clock.advance(Duration.ofNanos(1));
        assertThat(store.get("members/a")).isEmpty();
        assertThat(store.keys("members/")).isEmpty();
    }

    @Test
    void restarts_the_age_of_an_entry_on_every_write() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(MAX_AGE, clock);
        store.put("members/a", bytes("1"));
        store.put("members/b", bytes("1"));

        clock.advance(Duration.ofSeconds(20));
        store.put("members/a", bytes("2"));
        clock.advance(Duration.ofSeconds(20));

        assertThat(store.keys("members/")).containsExactly("members/a");
        assertThat(store.get("members/b")).isEmpty();
    }

    @Test
    void treats_an_expired_entry_as_absent_for_conditional_writes() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(MAX_AGE, clock);
        long revision = store.put("leases/7", bytes("node-1"));
        clock.advance(MAX_AGE);

        assertThatThrownBy(() -> store.update("leases/7", bytes("node-2"), revision))
                .isInstanceOf(WrongRevisionException.class);
        assertThatThrownBy(() -> store.delete("leases/7", revision)).isInstanceOf(WrongRevisionException.class);
        long taken = store.create("leases/7", bytes("node-2"));

        assertThat(taken).isGreaterThan(revision);
    }

    @Test
    void purges_expired_entries_from_memory() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(MAX_AGE, clock);
        for (int i = 0; i < 1000; i++) {
            store.put("old/" + i, bytes("x"));
        }
        clock.advance(MAX_AGE);

        store.put("new/1", bytes("y"));

        assertThat(store.storedEntries()).isEqualTo(1);
    }

    @Test
    void purges_expired_entries_when_reading_them() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore(MAX_AGE, clock);
        store.put("old/1", bytes("x"));
        store.put("old/2", bytes("x"));
        clock.advance(MAX_AGE);

        assertThat(store.get("old/1")).isEmpty();

        assertThat(store.storedEntries()).isZero();
    }

    @Test
    void does_not_spend_revisions_on_failed_writes_or_deletes_of_missing_keys() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        long first = store.put("a", bytes("1"));

        assertThatThrownBy(() -> store.create("a", bytes("2"))).isInstanceOf(KeyExistsException.class);
        assertThatThrownBy(() -> store.update("a", bytes("2"), first + 7)).isInstanceOf(WrongRevisionException.class);
        store.delete("missing");

        assertThat(store.put("a", bytes("3"))).isEqualTo(first + 1);
    }

    @Test
    void refuses_revision_zero_as_an_expected_revision() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();

        assertThatThrownBy(() -> store.update("a", bytes("1"), 0)).isInstanceOf(WrongRevisionException.class);
        assertThat(store.get("a")).isEmpty();
    }

    @Test
    void keeps_values_when_the_caller_reuses_its_buffer() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        byte[] buffer = bytes("original");

        store.put("a", buffer);
        buffer[0] = 'X';

        assertThat(new String(store.get("a").orElseThrow().value(), UTF_8)).isEqualTo("original");
    }

    @Test
    void rejects_a_maximum_age_that_is_not_positive() {
        assertThatThrownBy(() -> new InMemoryKeyValueStore(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryKeyValueStore(Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runs_each_watch_on_a_named_daemon_thread_that_ends_with_close() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        AtomicReference<Thread> deliveringThread = new AtomicReference<>();
        KeyValueWatch watch = store.watch("", new KeyValueListener() {
            @Override
            public void onChange(KeyValueChange change) {
            }

            @Override
            public void onInitialValuesDone() {
                deliveringThread.set(Thread.currentThread());
            }
        });
        eventually().untilAsserted(() -> assertThat(deliveringThread.get()).isNotNull());

        assertThat(deliveringThread.get().getName()).startsWith("clstr-memory-kv-watch-");
        assertThat(deliveringThread.get().isDaemon()).isTrue();

        watch.close();

        eventually().untilAsserted(() -> assertThat(deliveringThread.get().isAlive()).isFalse());
        assertThat(store.runningWatches()).isZero();
    }

    @Test
    void ends_a_watch_whose_listener_fails() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        store.watch("", change -> {
            throw new IllegalStateException("listener failed on purpose");
        });
        assertThat(store.runningWatches()).isEqualTo(1);

        store.put("a", bytes("1"));

        eventually().untilAsserted(() -> assertThat(store.runningWatches()).isZero());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
