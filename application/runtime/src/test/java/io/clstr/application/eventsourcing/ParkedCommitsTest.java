package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkedCommitsTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private final ParkedCommits parked = new ParkedCommits(store);

    private static ParkedCommit at(String projection, long position) {
        return new ParkedCommit(projection, position, StreamId.of("order", "o/" + position), 3, 4,
                List.of("order.line-added.v1", "order.confirmed.v1"), 5, "java.lang.IllegalStateException: boom", AT);
    }

    @Test
    void a_parked_commit_reads_back_as_it_was_written() {
        ParkedCommit commit = at("orders", 42);

        parked.park(commit);

        assertThat(parked.get("orders", 42)).contains(commit);
        assertThat(store.keys("parked/orders/")).containsExactly("parked/orders/0000000000000000042");
    }

    @Test
    void lists_in_position_order_whatever_the_number_of_digits() {
        for (long position : new long[] {100, 9, 12_345_678_901L, 10}) {
            parked.park(at("orders", position));
        }

        assertThat(parked.list("orders")).extracting(ParkedCommit::position)
                .containsExactly(9L, 10L, 100L, 12_345_678_901L);
    }

    @Test
    void remove_and_clear_touch_one_projection_only() {
        parked.park(at("orders", 1));
        parked.park(at("orders", 2));
        parked.park(at("orders-2", 1));

        parked.remove("orders", 1);
        assertThat(parked.list("orders")).extracting(ParkedCommit::position).containsExactly(2L);

        parked.clear("orders");
        assertThat(parked.list("orders")).isEmpty();
        assertThat(parked.list("orders-2")).hasSize(1);
    }

    @Test
    void long_errors_are_shortened() {
        ParkedCommit commit = new ParkedCommit("orders", 1, StreamId.of("order", "o-1"), 1, 1, List.of("t"), 1,
                "x".repeat(5000), AT);

        assertThat(commit.error()).hasSize(ParkedCommit.MAX_ERROR_LENGTH).endsWith("...");
        parked.park(commit);
        assertThat(parked.get("orders", 1)).contains(commit);
    }

    @Test
    void a_damaged_entry_is_reported() {
        store.put("parked/orders/0000000000000000001", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> parked.list("orders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed parked commit");
    }

    @Test
    void refuses_impossible_entries() {
        assertThatThrownBy(() -> at("orders", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkedCommit("orders", 1, StreamId.of("order", "o"), 2, 1, List.of(), 0, "", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versions");
        assertThatThrownBy(() -> at("Orders", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
