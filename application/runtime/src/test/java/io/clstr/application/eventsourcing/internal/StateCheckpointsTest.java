package io.clstr.application.eventsourcing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateCheckpointsTest {

    private static final long RETENTION_MILLIS = 16_000; // a checkpoint per second at most

    @Test
    void keeps_at_most_one_state_per_spacing_and_finds_the_newest_at_or_before_a_version() {
        StateCheckpoints<String> checkpoints = new StateCheckpoints<>(RETENTION_MILLIS);
        checkpoints.offer("v10", 10, 0);
        checkpoints.offer("v20", 20, 500); // within a second of the last: not kept
        checkpoints.offer("v30", 30, 1_000);

        assertThat(checkpoints.atOrBefore(9)).isNull();
        assertThat(checkpoints.atOrBefore(10)).isEqualTo(new StateCheckpoints.Checkpoint<>("v10", 10));
        assertThat(checkpoints.atOrBefore(29)).isEqualTo(new StateCheckpoints.Checkpoint<>("v10", 10));
        assertThat(checkpoints.atOrBefore(1_000)).isEqualTo(new StateCheckpoints.Checkpoint<>("v30", 30));
    }

    @Test
    void drops_the_oldest_beyond_its_capacity_so_it_spans_the_retention() {
        StateCheckpoints<Long> checkpoints = new StateCheckpoints<>(RETENTION_MILLIS);
        for (int second = 0; second <= StateCheckpoints.CAPACITY; second++) {
            checkpoints.offer((long) second, 100L * (second + 1), second * 1_000L);
        }

        assertThat(checkpoints.atOrBefore(100)).as("the first, 16 s old, is gone").isNull();
        assertThat(checkpoints.atOrBefore(200).version()).isEqualTo(200);
    }

    @Test
    void the_initial_state_is_no_checkpoint() {
        StateCheckpoints<String> checkpoints = new StateCheckpoints<>(RETENTION_MILLIS);
        checkpoints.offer("initial", 0, 0);

        assertThat(checkpoints.atOrBefore(5)).isNull();
    }
}
