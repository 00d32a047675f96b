package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.memory.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

class CheckpointWriterTest {

    private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    private final FaultyKeyValueStore counted = new FaultyKeyValueStore(kv, CheckpointStore.PREFIX);
    private final CheckpointStore checkpoints = new CheckpointStore(kv);
    private final CheckpointWriter writer = new CheckpointWriter(new CheckpointStore(counted), "tallies", 3);

    @Test
    void saves_after_every_batch_of_handled_commits() {
        writer.handled(4);
        writer.handled(9);
        assertThat(checkpoints.load("tallies")).isZero();
        assertThat(writer.behind()).isTrue();

        writer.handled(12);
        assertThat(checkpoints.load("tallies")).isEqualTo(12);
        assertThat(writer.saved()).isEqualTo(12);
        assertThat(writer.behind()).isFalse();

        writer.handled(15);
        writer.handled(20);
        assertThat(checkpoints.load("tallies")).isEqualTo(12);
        assertThat(writer.position()).isEqualTo(20);
    }

    @Test
    void saves_on_request_only_when_the_position_moved() {
        writer.handled(5);
        writer.save();
        writer.save();

        assertThat(counted.writes()).isEqualTo(1);
        assertThat(checkpoints.load("tallies")).isEqualTo(5);
    }

    @Test
    void a_failed_save_is_left_to_the_next_one() {
        counted.failWrites();
        writer.handled(5);
        writer.save();
        assertThat(writer.saved()).isZero();
        assertThat(writer.behind()).isTrue();

        counted.healWrites();
        writer.save();
        assertThat(writer.saved()).isEqualTo(5);
        assertThat(checkpoints.load("tallies")).isEqualTo(5);
    }

    @Test
    void load_continues_from_the_saved_checkpoint_and_restarts_the_batch() {
        checkpoints.save("tallies", 7);
        writer.handled(3);
        writer.handled(5); // two of a batch of three before the restart

        assertThat(writer.load()).isEqualTo(7);
        assertThat(writer.position()).isEqualTo(7);
        assertThat(writer.behind()).isFalse();
        writer.handled(8);
        assertThat(checkpoints.load("tallies")).isEqualTo(7);
    }

    @Test
    void reset_deletes_the_checkpoint_and_starts_again_from_zero() {
        writer.handled(5);
        writer.save();

        writer.reset();

        assertThat(kv.get(CheckpointStore.key("tallies"))).isEmpty();
        assertThat(writer.position()).isZero();
        assertThat(writer.saved()).isZero();
        writer.handled(2);
        writer.save();
        assertThat(checkpoints.load("tallies")).isEqualTo(2); // a forward-only save would have refused 2 after 5
    }
}
