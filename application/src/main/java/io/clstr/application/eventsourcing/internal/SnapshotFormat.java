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
 * int magic "CLS1" | int n | n bytes state | int k | k × (long id hash, long version)
 *                  | int r | r × (long id hash, long version, UTF code, UTF message)
 * </pre>
 */
public final class SnapshotFormat {

    private static final int MAGIC = 0x434C5331;

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
            out.writeInt(accepted.length / 2);
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

    /** Reads a body; fails with {@link IllegalArgumentException} on anything malformed. */
    public static Body read(byte[] data, int windowCapacity) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an entity snapshot");
            }
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            CommandWindow window = new CommandWindow(windowCapacity);
            int accepted = in.readInt();
            for (int i = 0; i < accepted; i++) {
                window.acceptedHash(in.readLong(), in.readLong());
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
