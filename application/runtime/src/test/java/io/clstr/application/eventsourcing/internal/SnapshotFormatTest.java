package io.clstr.application.eventsourcing.internal;

import static io.clstr.application.eventsourcing.RequestFingerprint.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot bodies come from a store: truncated or hostile ones must be refused, never allocated for. */
class SnapshotFormatTest {

    private static final int MAGIC = 0x434C5332;

    @Test
    void refuses_every_truncation_of_a_body() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        window.accepted("c1", 1, 10, NONE);
        window.rejected("r1", 1, new Rejection("CODE", "message"), NONE);
        byte[] body = SnapshotFormat.write(new byte[] {1, 2, 3}, window.oldestVersion(), window.rejectedEntries());

        assertThat(SnapshotFormat.read(body, new CommandWindow(4, 1_000, 64)).state()).containsExactly(1, 2, 3);
        for (int length = 0; length < body.length; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> SnapshotFormat.read(truncated, new CommandWindow(4, 1_000, 64)))
                    .as("first %d bytes", length).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejections_keep_their_kind() {
        CommandWindow window = new CommandWindow(4, 1_000, 64);
        window.rejected("r1", 1, Rejection.notFound("GONE", "no such thing"), NONE);
        window.rejected("r2", 1, new Rejection("REFUSED", "not now"), NONE);
        byte[] body = SnapshotFormat.write(new byte[] {1}, window.oldestVersion(), window.rejectedEntries());

        CommandWindow restored = SnapshotFormat.read(body, new CommandWindow(4, 1_000, 64)).window();

        assertThat(restored.find("r1").rejection()).isEqualTo(Rejection.notFound("GONE", "no such thing"));
        assertThat(restored.find("r2").rejection().kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void refuses_lengths_and_counts_beyond_the_bytes_that_are_there() {
        // A 2 GiB state length used to be allocated before anything else was read: OutOfMemoryError.
        List<byte[]> hostile = List.of(
                body(out -> {
                    out.writeInt(Integer.MAX_VALUE);
                    out.write(new byte[16]);
                }),
                body(out -> out.writeInt(-1)),
                body(out -> {
                    out.writeInt(0);
                    out.writeInt(Integer.MAX_VALUE);
                    out.write(new byte[24]);
                }),
                body(out -> {
                    out.writeInt(0);
                    out.writeInt(0);
                    out.writeInt(Integer.MAX_VALUE);
                    out.write(new byte[20]);
                }),
                body(out -> {
                    out.writeInt(0);
                    out.writeInt(1);
                    out.writeLong(0); // no command id hashes to 0: the window's index reads it as "empty"
                    out.writeLong(1);
                    out.writeLong(10);
                    out.writeInt(0);
                }));

        for (byte[] data : hostile) {
            assertThatThrownBy(() -> SnapshotFormat.read(data, new CommandWindow(4, 1_000, 64)))
                    .as(Arrays.toString(data)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private interface Writes {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] body(Writes afterMagic) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            afterMagic.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
