package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The stored form of a snapshot (the stream id is the key, so it is not repeated):
 *
 * <pre>
 * byte    format (1)
 * varint  version, varint position
 * int     schema version
 * long    taken-at seconds, int nanos
 * string  state type
 * bytes   state (varint length + bytes)
 * </pre>
 */
public final class SnapshotCodec {

    static final int FORMAT = 1;

    private SnapshotCodec() {
    }

    public static byte[] encode(Snapshot snapshot) {
        return new FrameWriter(snapshot.state().length + snapshot.stateType().length() + 40)
                .writeByte(FORMAT)
                .writeVarLong(snapshot.version())
                .writeVarLong(snapshot.position())
                .writeInt(snapshot.schemaVersion())
                .writeLong(snapshot.takenAt().getEpochSecond())
                .writeInt(snapshot.takenAt().getNano())
                .writeString(snapshot.stateType())
                .writeBytes(snapshot.state())
                .toByteArray();
    }

    /** The stored snapshot; fails with {@link MalformedFrameException} on anything {@link #encode} cannot write. */
    public static Snapshot decode(StreamId stream, byte[] stored) {
        FrameReader reader = new FrameReader(stored);
        int format = reader.readByte();
        if (format != FORMAT) {
            throw new MalformedFrameException("unknown snapshot format " + format);
        }
        long version = reader.readVarLong();
        long position = reader.readVarLong();
        int schemaVersion = reader.readInt();
        long seconds = reader.readLong();
        int nanos = reader.readInt();
        String stateType = reader.readString();
        byte[] state = reader.readBytes();
        if (!reader.atEnd()) {
            throw new MalformedFrameException("bytes after the snapshot state");
        }
        if (position < 0 || nanos < 0 || nanos > 999_999_999) {
            throw new MalformedFrameException("a snapshot with position " + Long.toUnsignedString(position)
                    + " and nanos " + nanos);
        }
        try {
            return new Snapshot(stream, version, position, stateType, schemaVersion, state,
                    Instant.ofEpochSecond(seconds, nanos));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new MalformedFrameException("a snapshot with impossible values: " + e.getMessage());
        }
    }

    /** The version of a stored snapshot, read without copying its state. */
    public static long versionOf(byte[] stored) {
        FrameReader reader = new FrameReader(stored);
        int format = reader.readByte();
        if (format != FORMAT) {
            throw new MalformedFrameException("unknown snapshot format " + format);
        }
        return reader.readVarLong();
    }
}
