package io.clstr.application.eventsourcing.internal;

import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The bytes of an entity snapshot: the codec-encoded state, the version from which the entity's accepted commands
 * are read again from the event store (each event records its command's id), and its last few rejections, which
 * are stored nowhere else. So exactly-once survives passivation and recovery from a snapshot, and a snapshot's
 * size does not grow with the commands an entity has taken.
 *
 * <pre>
 * int magic "CLS4" | int n | n bytes state
 *                  | long window start: version of the oldest command remembered ({@code 0} if none)
 *                  | int r | r × (long id hash, long version, long request fingerprint, UTF code, UTF message)
 * </pre>
 * Snapshots of the earlier formats, which carried every remembered command, are read too: "CLS3" as written,
 * "CLS2" has no fingerprints (their ids match any request), "CLS1" has no times either (its commands count as old
 * ones, kept by count only).
 */
public final class SnapshotFormat {

    private static final int MAGIC_WITHOUT_TIMES = 0x434C5331;
    private static final int MAGIC_WITHOUT_FINGERPRINTS = 0x434C5332;
    private static final int MAGIC_WITH_COMMANDS = 0x434C5333;
    private static final int MAGIC = 0x434C5334;

    /** The most bytes of rejection codes and messages a snapshot carries; the newest that fit are kept. */
    static final int MAX_REJECTION_BYTES = 16 * 1024;

    /**
     * A decoded snapshot body.
     *
     * @param window the rejections (and, in the earlier formats, the accepted commands) the body holds
     * @param windowStart the version from which the stream's events hold the window's accepted commands, up to the
     *     snapshot's version; {@code 0} if the body holds them all (none remembered, or an earlier format)
     */
    public record Body(byte[] state, CommandWindow window, long windowStart) {
    }

    private SnapshotFormat() {
    }

    /**
     * @param windowStart {@link CommandWindow#oldestVersion()} of the window when the state was taken
     * @param rejections {@link CommandWindow#rejectedEntries()} then, oldest first
     */
    public static byte[] write(byte[] state, long windowStart, List<Map.Entry<Long, CommandWindow.Seen>> rejections) {
        List<Map.Entry<Long, CommandWindow.Seen>> kept = newestThatFit(rejections);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(20 + state.length + kept.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(state.length);
            out.write(state);
            out.writeLong(windowStart);
            out.writeInt(kept.size());
            for (Map.Entry<Long, CommandWindow.Seen> entry : kept) {
                out.writeLong(entry.getKey());
                out.writeLong(entry.getValue().version());
                out.writeLong(entry.getValue().fingerprint());
                out.writeUTF(entry.getValue().rejection().code());
                out.writeUTF(entry.getValue().rejection().message());
                out.writeByte(entry.getValue().rejection().kind().ordinal());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The newest rejections whose codes and messages fit in {@link #MAX_REJECTION_BYTES}, oldest first. */
    private static List<Map.Entry<Long, CommandWindow.Seen>> newestThatFit(
            List<Map.Entry<Long, CommandWindow.Seen>> rejections) {
        ArrayDeque<Map.Entry<Long, CommandWindow.Seen>> kept = new ArrayDeque<>();
        long budget = MAX_REJECTION_BYTES;
        for (int i = rejections.size() - 1; i >= 0; i--) {
            Rejection rejection = rejections.get(i).getValue().rejection();
            budget -= utfLength(rejection.code()) + utfLength(rejection.message());
            if (budget < 0) {
                break;
            }
            kept.addFirst(rejections.get(i));
        }
        return List.copyOf(kept);
    }

    /** Bytes {@link DataOutputStream#writeUTF} takes for the characters (its length prefix aside). */
    private static long utfLength(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }

    /**
     * Reads a body into an empty {@code window}; fails with {@link IllegalArgumentException} on anything malformed.
     * Every length and count is checked against the bytes that are there before anything is allocated for it, so
     * a corrupt or hostile body costs no more memory than its own size.
     */
    public static Body read(byte[] data, CommandWindow window) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_WITH_COMMANDS && magic != MAGIC_WITHOUT_FINGERPRINTS
                    && magic != MAGIC_WITHOUT_TIMES) {
                throw new IllegalArgumentException("not an entity snapshot");
            }
            boolean times = magic != MAGIC_WITHOUT_TIMES;
            boolean fingerprints = magic == MAGIC || magic == MAGIC_WITH_COMMANDS;
            byte[] state = new byte[count(in, 1, "state bytes")];
            in.readFully(state);
            long windowStart = 0;
            if (magic == MAGIC) {
                windowStart = in.readLong();
                if (windowStart < 0) {
                    throw new IllegalArgumentException("a window starting at version " + windowStart);
                }
            } else {
                int accepted = count(in, 16 + (times ? 8 : 0) + (fingerprints ? 8 : 0), "accepted commands");
                for (int i = 0; i < accepted; i++) {
                    long hash = idHash(in.readLong());
                    long version = in.readLong();
                    long atMillis = times ? in.readLong() : 0L;
                    window.acceptedHash(hash, version, atMillis,
                            fingerprints ? in.readLong() : RequestFingerprint.NONE);
                }
            }
            boolean kinds = magic == MAGIC;
            int rejected = count(in, 20 + (fingerprints ? 8 : 0) + (kinds ? 1 : 0), "rejected commands");
            for (int i = 0; i < rejected; i++) {
                long hash = idHash(in.readLong());
                long version = in.readLong();
                long fingerprint = fingerprints ? in.readLong() : RequestFingerprint.NONE;
                String code = in.readUTF();
                String message = in.readUTF();
                // Earlier formats predate kinds: their rejections were all conflicts with the state.
                Rejection.Kind kind = kinds ? Rejection.Kind.values()[in.readUnsignedByte()] : Rejection.Kind.CONFLICT;
                window.rememberRejection(hash, new CommandWindow.Seen(version, new Rejection(code, message, kind),
                        fingerprint));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the rejections");
            }
            return new Body(state, window, windowStart);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed entity snapshot", e);
        }
    }

    /** A count of items of at least {@code minBytesEach} bytes, which must fit in what is left of the body. */
    private static int count(DataInputStream in, int minBytesEach, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available() / minBytesEach) {
            throw new IllegalArgumentException(count + " " + what + " do not fit in the " + in.available()
                    + " bytes left");
        }
        return count;
    }

    /** {@link CommandWindow#hash} never gives 0, which the window's index uses for "empty". */
    private static long idHash(long hash) {
        if (hash == 0) {
            throw new IllegalArgumentException("a command id hash of 0");
        }
        return hash;
    }
}
