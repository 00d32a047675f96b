package io.clstr.adapters.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import io.clstr.ports.out.snapshot.SnapshotStore;
import io.clstr.ports.out.snapshot.SnapshotStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {

    @Override
    protected SnapshotStore createStore() {
        return new InMemorySnapshotStore(256 * 1024);
    }

    @Test
    void takes_snapshots_of_any_size_unless_given_a_limit() {
        assertThat(new InMemorySnapshotStore().maxStateBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void keeps_the_state_when_the_caller_reuses_its_buffer() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        StreamId stream = StreamId.of("order", "o-1");
        byte[] buffer = "original".getBytes(UTF_8);

        store.save(new Snapshot(stream, 3, 9, "order.state.v1", 1, buffer, Instant.EPOCH));
        buffer[0] = 'X';

        assertThat(new String(store.load(stream).orElseThrow().state(), UTF_8)).isEqualTo("original");
    }
}
