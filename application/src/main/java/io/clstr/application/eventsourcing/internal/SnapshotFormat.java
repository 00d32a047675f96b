package io.clstr.application.eventsourcing.internal;

import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The bytes of an entity snapshot: the codec-encoded state followed by the entity's command window,
 * so exactly-once survives passivation and recovery from a snapshot.
 *
 * <pre>
 * int magic "CLS2" | int n | n bytes state | int k | k × (long id hash, long version, long epoch millis accepted)
 *                  | int r | r × (long id hash, long version, UTF code, UTF message)
 * </pre>
 * Snapshots of the first format ("CLS1") have no times; their commands count as old ones (kept by count only).
 */
public final class SnapshotFormat {

    private static final int MAGIC_WITHOUT_TIMES = 0x434C5331;
    private static final int MAGIC = 0x434C5332;

    /** A decoded snapshot body. */
    public record Body(byte[] state, CommandWindow window) {
    }

    private SnapshotFormat() {
    }

    public static byte[] write(byte[] state, CommandWindow window) {
        long[] accepted = window.acceptedEntries();
        var rejected = window.rejectedEntries();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + state.length + accepted.length * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(state.length);
            out.write(state);
            out.writeInt(accepted.length / 3);
            for (long value : accepted) {
                out.writeLong(value);
            }
            out.writeInt(rejected.size());
            for (Map.Entry<Long, CommandWindow.Seen> entry : rejected) {
                out.writeLong(entry.getKey());
                out.writeLong(entry.getValue().version());
                out.writeUTF(entry.getValue().rejection().code());
                out.writeUTF(entry.getValue().rejection().message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a body into an empty {@code window}; fails with {@link IllegalArgumentException} on anything malformed. */
    public static Body read(byte[] data, CommandWindow window) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_WITHOUT_TIMES) {
                throw new IllegalArgumentException("not an entity snapshot");
            }
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            int accepted = in.readInt();
            for (int i = 0; i < accepted; i++) {
                long hash = in.readLong();
                long version = in.readLong();
                window.acceptedHash(hash, version, magic == MAGIC ? in.readLong() : 0L);
            }
            int rejected = in.readInt();
            for (int i = 0; i < rejected; i++) {
                long hash = in.readLong();
                long version = in.readLong();
                window.restoreRejection(hash, new CommandWindow.Seen(version, new Rejection(in.readUTF(), in.readUTF())));
            }
            return new Body(state, window);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed entity snapshot", e);
        }
    }
}
