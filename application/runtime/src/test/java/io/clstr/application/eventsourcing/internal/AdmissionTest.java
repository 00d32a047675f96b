package io.clstr.application.eventsourcing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.eventsourcing.internal.Admission.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final boolean READY = true;
    private static final boolean RECOVERING = false;

    private final Admission<String, String> admission = new Admission<>(2);
    private final List<String> handed = new ArrayList<>();

    @Test
    void a_ready_entity_with_nothing_waiting_decides_a_command_now() {
        assertThat(admission.admit("c1", READY)).isEqualTo(Verdict.NOW);
        assertThat(admission.nothingWaiting()).isTrue();
    }

    @Test
    void commands_wait_while_the_entity_recovers_and_later_ones_wait_behind_them() {
        assertThat(admission.admit("c1", RECOVERING)).isEqualTo(Verdict.QUEUED);
        assertThat(admission.admit("c2", READY)).as("ready, but c1 is first").isEqualTo(Verdict.QUEUED);

        drain();

        assertThat(handed).containsExactly("command c1", "command c2");
        assertThat(admission.nothingWaiting()).isTrue();
    }

    @Test
    void reads_and_commands_are_handed_over_in_arrival_order() {
        admission.queueRead("r1");
        admission.admit("c1", RECOVERING);
        admission.queueRead("r2");

        drain();

        assertThat(handed).containsExactly("read r1", "command c1", "read r2");
    }

    @Test
    void commands_are_refused_while_capacity_are_held_whether_waiting_or_being_decided() {
        admission.admit("c1", READY); // being decided or appended
        admission.admit("c2", RECOVERING); // waiting
        drain(); // deciding c2 does not release it: it may wait in a batch

        assertThat(admission.admit("c3", READY)).isEqualTo(Verdict.OVERLOADED);
        assertThat(admission.nothingWaiting()).as("a refused command is not queued").isTrue();
    }

    @Test
    void a_released_command_makes_room_for_the_next() {
        admission.admit("c1", READY);
        admission.admit("c2", READY);

        admission.release();

        assertThat(admission.admit("c3", READY)).isEqualTo(Verdict.NOW);
        assertThat(admission.admit("c4", READY)).isEqualTo(Verdict.OVERLOADED);
    }

    @Test
    void reads_take_no_capacity() {
        admission.queueRead("r1");
        admission.queueRead("r2");
        admission.queueRead("r3");

        assertThat(admission.admit("c1", RECOVERING)).isEqualTo(Verdict.QUEUED);
        assertThat(admission.admit("c2", RECOVERING)).isEqualTo(Verdict.QUEUED);
    }

    @Test
    void a_retried_command_goes_before_everything_waiting_and_stays_held() {
        admission.admit("c1", READY);
        admission.admit("c2", RECOVERING);

        admission.retryFirst("c1");

        assertThat(admission.admit("c3", RECOVERING)).as("c1 is still held").isEqualTo(Verdict.OVERLOADED);
        drain();
        assertThat(handed).containsExactly("command c1", "command c2");
    }

    @Test
    void work_whose_handler_throws_keeps_waiting() {
        admission.admit("c1", RECOVERING);

        assertThatThrownBy(() -> admission.drain(command -> {
            throw new IllegalStateException("boom");
        }, read -> { }))
                .hasMessage("boom");

        assertThat(admission.nothingWaiting()).isFalse();
        admission.clear(command -> handed.add("failed " + command), read -> handed.add("failed " + read));
        assertThat(handed).containsExactly("failed c1");
    }

    @Test
    void clearing_hands_everything_waiting_over_and_releases_every_command() {
        admission.admit("c1", READY);
        admission.admit("c2", RECOVERING);
        admission.queueRead("r1");

        admission.clear(command -> handed.add("failed " + command), read -> handed.add("failed " + read));

        assertThat(handed).containsExactly("failed c2", "failed r1");
        assertThat(admission.nothingWaiting()).isTrue();
        assertThat(admission.admit("c3", READY)).isEqualTo(Verdict.NOW);
        assertThat(admission.admit("c4", READY)).isEqualTo(Verdict.NOW);
    }

    private void drain() {
        admission.drain(command -> handed.add("command " + command), read -> handed.add("read " + read));
    }
}
