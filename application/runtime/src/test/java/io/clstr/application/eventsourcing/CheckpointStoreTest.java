package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckpointStoreTest {

    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private final CheckpointStore checkpoints = new CheckpointStore(store);

    @Test
    void a_projection_without_a_checkpoint_reads_from_the_start() {
        assertThat(checkpoints.load("orders")).isZero();
    }

    @Test
    void saves_the_position_in_decimal_under_the_projection_name() {
        checkpoints.save("order-summaries", 1234);

        assertThat(checkpoints.load("order-summaries")).isEqualTo(1234);
        byte[] stored = store.get("checkpoints/order-summaries").orElseThrow().value();
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("1234");
        assertThat(checkpoints.load("order")).isZero(); // a name that is a prefix of another is another key
    }

    @Test
    void only_moves_forward() {
        checkpoints.save("orders", 10);
        long revision = store.get("checkpoints/orders").orElseThrow().revision();

        checkpoints.save("orders", 7);
        checkpoints.save("orders", 10);

        assertThat(checkpoints.load("orders")).isEqualTo(10);
        assertThat(store.get("checkpoints/orders").orElseThrow().revision()).isEqualTo(revision);
        checkpoints.save("orders", 11);
        assertThat(checkpoints.load("orders")).isEqualTo(11);
    }

    @Test
    void reset_forgets_the_checkpoint() {
        checkpoints.save("orders", 10);

        checkpoints.reset("orders");

        assertThat(checkpoints.load("orders")).isZero();
        assertThat(store.keys("checkpoints/")).isEmpty();
    }

    @Test
    void a_corrupt_checkpoint_is_reported_not_read_as_zero() {
        store.put("checkpoints/orders", "ten".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> checkpoints.load("orders")).isInstanceOf(KeyValueException.class)
                .hasMessageContaining("checkpoints/orders", "ten");
    }

    @Test
    void refuses_names_that_are_not_projection_names_and_negative_positions() {
        assertThatThrownBy(() -> checkpoints.load("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checkpoints.save("Orders", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checkpoints.save("orders", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
