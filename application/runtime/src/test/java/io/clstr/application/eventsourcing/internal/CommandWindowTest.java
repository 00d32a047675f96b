package io.clstr.application.eventsourcing.internal;

import static io.clstr.application.eventsourcing.RequestFingerprint.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.eventsourcing.EntitySettings;
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
            window.accepted("c" + i, i, T0 + i * 10_000L, NONE);
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
            window.accepted("c" + i, i, T0 + i, NONE); // 40 commands within 40 ms
        }

        assertThat(window.size()).isEqualTo(40);
        assertThat(window.find("c1").version()).isEqualTo(1);
    }

    @Test
    void forgets_aged_commands_beyond_the_capacity_as_new_ones_arrive() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        for (int i = 1; i <= 40; i++) {
            window.accepted("burst" + i, i, T0, NONE);
        }
        for (int i = 1; i <= 40; i++) {
            window.accepted("later" + i, 40 + i, T0 + 5_000 + i, NONE);
        }

        assertThat(window.find("burst40")).isNull();
        assertThat(window.find("later1").version()).isEqualTo(41);
        assertThat(window.size()).isEqualTo(40);
    }

    @Test
    void never_holds_more_than_its_maximum_even_within_the_retention() {
        CommandWindow window = new CommandWindow(4, 60_000, 32);
        for (int i = 1; i <= 100; i++) {
            window.accepted("c" + i, i, T0, NONE);
        }

        assertThat(window.size()).isEqualTo(32);
        assertThat(window.find("c68")).isNull();
        assertThat(window.find("c69").version()).isEqualTo(69);
    }

    @Test
    void a_repeated_id_keeps_one_entry_with_the_newer_version() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        window.accepted("c1", 1, T0, NONE);
        window.accepted("c1", 3, T0 + 1, NONE);

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
    void remembers_the_fingerprint_of_the_request_each_id_was_first_used_for() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        window.accepted("a", 1, T0, 11);
        window.accepted("b", 2, T0, NONE);
        window.rejected("r", 2, new Rejection("CODE", "message"), 22);

        assertThat(window.find("a").sameRequest(11)).isTrue();
        assertThat(window.find("a").sameRequest(12)).isFalse();
        assertThat(window.find("a").sameRequest(NONE)).as("a request without a fingerprint checks nothing").isTrue();
        assertThat(window.find("b").sameRequest(12)).as("remembered without one: matches any").isTrue();
        assertThat(window.find("r").sameRequest(22)).isTrue();
        assertThat(window.find("r").sameRequest(11)).isFalse();
    }

    @Test
    void a_snapshot_keeps_where_the_window_starts_and_the_rejections_not_the_accepted_commands() {
        CommandWindow window = new CommandWindow(2, 1_000, 64);
        for (int i = 1; i <= 6; i++) {
            window.accepted("c" + i, 10 + i, T0 + i, 100 + i);
        }
        window.rejected("r1", 16, new Rejection("NOT_POSITIVE", "amount must be positive"), 7);

        byte[] written = SnapshotFormat.write(new byte[] {7}, window.oldestVersion(), window.rejectedEntries());
        SnapshotFormat.Body body = SnapshotFormat.read(written, new CommandWindow(2, 1_000, 64));

        assertThat(body.state()).containsExactly(7);
        assertThat(body.windowStart()).isEqualTo(11);
        assertThat(body.window().size()).as("accepted commands are read again from the events").isZero();
        assertThat(body.window().find("c3")).isNull();
        assertThat(body.window().find("r1").rejection().code()).isEqualTo("NOT_POSITIVE");
        assertThat(body.window().find("r1").version()).isEqualTo(16);
        assertThat(body.window().find("r1").fingerprint()).isEqualTo(7);
    }

    @Test
    void a_snapshot_body_stays_small_however_many_commands_the_window_remembers() {
        CommandWindow window = new CommandWindow(512, 15_000, EntitySettings.MAX_REMEMBERED_COMMANDS);
        for (int i = 1; i <= EntitySettings.MAX_REMEMBERED_COMMANDS; i++) {
            window.accepted("command-" + i, i, T0, NONE);
        }
        for (int i = 0; i < 100; i++) {
            window.rejected("refused-" + i, i, new Rejection("TOO_LONG", "x".repeat(2_000)), NONE);
        }

        byte[] written = SnapshotFormat.write(new byte[100], window.oldestVersion(), window.rejectedEntries());

        assertThat(window.size()).isEqualTo(EntitySettings.MAX_REMEMBERED_COMMANDS);
        assertThat(written.length).isLessThan(100 + SnapshotFormat.MAX_REJECTION_BYTES + 1024);
        CommandWindow restored = SnapshotFormat.read(written, CommandWindow.of(EntitySettings.defaults())).window();
        assertThat(restored.find("refused-99")).as("the newest rejections are kept").isNotNull();
        assertThat(restored.find("refused-91")).as("older ones beyond the budget are not").isNull();
    }

    @Test
    void growing_a_ring_that_has_wrapped_keeps_the_commands_oldest_first() {
        CommandWindow window = new CommandWindow(2, 100, 64);
        window.accepted("a", 1, T0, 11);
        window.accepted("b", 2, T0 + 1_000, 22);
        window.accepted("c", 3, T0 + 1_050, 33); // "a" has aged out: "c" takes its slot, ahead of "b"
        window.accepted("d", 4, T0 + 1_060, 44); // "b" is still young: the ring grows

        assertThat(window.size()).isEqualTo(3);
        assertThat(window.find("a")).isNull();
        assertThat(window.find("b")).isEqualTo(new CommandWindow.Seen(2, null, 22));
        assertThat(window.find("c")).isEqualTo(new CommandWindow.Seen(3, null, 33));
        assertThat(window.find("d")).isEqualTo(new CommandWindow.Seen(4, null, 44));
        assertThat(window.oldestVersion()).isEqualTo(2);

        window.forgetExpired(T0 + 5_000);

        assertThat(window.oldestVersion()).as("the oldest, b, goes first").isEqualTo(3);
        assertThat(window.find("b")).isNull();
    }

    @Test
    void forgets_at_once_the_expired_commands_beyond_the_capacity_and_tells_the_oldest_version_left() {
        CommandWindow window = new CommandWindow(3, 1_000, 64);
        assertThat(window.oldestVersion()).isZero();
        for (int i = 1; i <= 10; i++) {
            window.accepted("c" + i, i, T0 + i, NONE);
        }
        window.accepted("c11", 11, T0 + 2_000, NONE);
        assertThat(window.oldestVersion()).as("evicted lazily, one per new command").isEqualTo(2);

        window.forgetExpired(T0 + 2_000);

        assertThat(window.size()).isEqualTo(3);
        assertThat(window.oldestVersion()).isEqualTo(9);
        assertThat(window.find("c8")).isNull();
        assertThat(window.find("c9").version()).isEqualTo(9);
    }

    @Test
    void a_snapshot_of_the_third_format_restores_the_commands_it_carries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x434C5333);
            out.writeInt(1);
            out.write(7);
            out.writeInt(2);
            for (int i = 1; i <= 2; i++) {
                out.writeLong(CommandWindow.hash("c" + i));
                out.writeLong(i);
                out.writeLong(T0 + i);
                out.writeLong(100 + i);
            }
            out.writeInt(1);
            out.writeLong(CommandWindow.hash("r1"));
            out.writeLong(2);
            out.writeLong(7);
            out.writeUTF("NOT_POSITIVE");
            out.writeUTF("amount must be positive");
        }

        SnapshotFormat.Body body = SnapshotFormat.read(bytes.toByteArray(), new CommandWindow(2, 1_000, 64));

        assertThat(body.state()).containsExactly(7);
        assertThat(body.windowStart()).as("nothing to read again").isZero();
        assertThat(body.window().find("c1").version()).isEqualTo(1);
        assertThat(body.window().find("c2").fingerprint()).isEqualTo(102);
        assertThat(body.window().find("r1").rejection().code()).isEqualTo("NOT_POSITIVE");
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

        window.accepted("c4", 4, T0, NONE);

        assertThat(window.find("c1")).as("beyond the capacity and without a time: the first to go").isNull();
        assertThat(window.find("c2").version()).isEqualTo(2);
        assertThat(window.find("c3").version()).isEqualTo(3);
    }

    @Test
    void a_snapshot_of_the_second_format_restores_its_commands_without_fingerprints() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x434C5332);
            out.writeInt(0);
            out.writeInt(1);
            out.writeLong(CommandWindow.hash("c1"));
            out.writeLong(1);
            out.writeLong(T0);
            out.writeInt(1);
            out.writeLong(CommandWindow.hash("r1"));
            out.writeLong(1);
            out.writeUTF("CODE");
            out.writeUTF("message");
        }

        CommandWindow window = SnapshotFormat.read(bytes.toByteArray(), new CommandWindow(2, 1_000, 64)).window();

        assertThat(window.find("c1")).isEqualTo(new CommandWindow.Seen(1, null, NONE));
        assertThat(window.find("r1").rejection().code()).isEqualTo("CODE");
        assertThat(window.find("r1").fingerprint()).isEqualTo(NONE);
    }
}
