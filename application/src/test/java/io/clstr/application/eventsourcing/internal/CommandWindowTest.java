package io.clstr.application.eventsourcing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CommandWindowTest {

    private static final long T0 = 1_000_000L;

    @Test
    void keeps_the_last_capacity_commands_when_all_are_old() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        for (int i = 1; i <= 10; i++) {
            window.accepted("c" + i, i, T0 + i * 10_000L);
        }

        assertThat(window.size()).isEqualTo(4);
        assertThat(window.find("c6")).isNull();
        for (int i = 7; i <= 10; i++) {
            assertThat(window.find("c" + i).version()).isEqualTo(i);
        }
    }

    @Test
    void keeps_every_command_younger_than_the_retention_beyond_the_capacity() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        for (int i = 1; i <= 40; i++) {
            window.accepted("c" + i, i, T0 + i); // 40 commands within 40 ms
        }

        assertThat(window.size()).isEqualTo(40);
        assertThat(window.find("c1").version()).isEqualTo(1);
    }

    @Test
    void forgets_aged_commands_beyond_the_capacity_as_new_ones_arrive() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        for (int i = 1; i <= 40; i++) {
            window.accepted("burst" + i, i, T0);
        }
        for (int i = 1; i <= 40; i++) {
            window.accepted("later" + i, 40 + i, T0 + 5_000 + i);
        }

        assertThat(window.find("burst40")).isNull();
        assertThat(window.find("later1").version()).isEqualTo(41);
        assertThat(window.size()).isEqualTo(40);
    }

    @Test
    void never_holds_more_than_its_maximum_even_within_the_retention() {
        CommandWindow window = new CommandWindow(4, 60_000, 32);
        for (int i = 1; i <= 100; i++) {
            window.accepted("c" + i, i, T0);
        }

        assertThat(window.size()).isEqualTo(32);
        assertThat(window.find("c68")).isNull();
        assertThat(window.find("c69").version()).isEqualTo(69);
    }

    @Test
    void a_repeated_id_keeps_one_entry_with_the_newer_version() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        window.accepted("c1", 1, T0);
        window.accepted("c1", 3, T0 + 1);

        assertThat(window.size()).isEqualTo(1);
        assertThat(window.find("c1").version()).isEqualTo(3);
    }

    @Test
    void refuses_sizes_that_contradict_each_other() {
        assertThatThrownBy(() -> new CommandWindow(0, 1_000, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandWindow(8, 1_000, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandWindow(4, -1, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_snapshot_keeps_ids_versions_times_and_rejections() {
        CommandWindow window = new CommandWindow(2, 1_000, 64);
        for (int i = 1; i <= 6; i++) {
            window.accepted("c" + i, i, T0 + i);
        }
        window.rejected("r1", 6, new Rejection("NOT_POSITIVE", "amount must be positive"));

        SnapshotFormat.Body body = SnapshotFormat.read(SnapshotFormat.write(new byte[] {7}, window),
                new CommandWindow(2, 1_000, 64));

        assertThat(body.state()).containsExactly(7);
        assertThat(body.window().acceptedEntries()).containsExactly(window.acceptedEntries());
        assertThat(body.window().find("r1").rejection().code()).isEqualTo("NOT_POSITIVE");
        // The restored times still count: six young commands stay, beyond the capacity of two.
        body.window().accepted("c7", 7, T0 + 7);
        assertThat(body.window().find("c1").version()).isEqualTo(1);
    }

    @Test
    void a_snapshot_of_the_first_format_restores_its_commands_as_old_ones() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x434C5331);
            out.writeInt(0);
            out.writeInt(3);
            for (int i = 1; i <= 3; i++) {
                out.writeLong(CommandWindow.hash("c" + i));
                out.writeLong(i);
            }
            out.writeInt(0);
        }

        CommandWindow window = SnapshotFormat.read(bytes.toByteArray(), new CommandWindow(2, 1_000, 64)).window();
        assertThat(window.find("c1").version()).isEqualTo(1);

        window.accepted("c4", 4, T0);

        assertThat(window.find("c1")).as("beyond the capacity and without a time: the first to go").isNull();
        assertThat(window.find("c2").version()).isEqualTo(2);
        assertThat(window.find("c3").version()).isEqualTo(3);
    }
}
