package io.clstr.application.eventsourcing.internal;

import io.clstr.application.eventsourcing.ParkedCommit;
import io.clstr.ports.out.eventstore.StreamId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a parked-commit entry. A runtime record rather than a read model, so it needs no entry in the
 * application's type catalog.
 *
 * <pre>
 * int magic "CLP1" | long position | UTF stream type | UTF stream id | long first version | long last version
 *                  | int n | n × UTF event type | int attempts | UTF error | long epoch second | int nano
 * </pre>
 */
public final class ParkedCommitFormat {

    private static final int MAGIC = 0x434C5031;

    private ParkedCommitFormat() {
    }

    public static byte[] write(ParkedCommit parked) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + parked.error().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(parked.position());
            out.writeUTF(parked.stream().type().name());
            out.writeUTF(parked.stream().id());
            out.writeLong(parked.firstVersion());
            out.writeLong(parked.lastVersion());
            out.writeInt(parked.eventTypes().size());
            for (String type : parked.eventTypes()) {
                out.writeUTF(type);
            }
            out.writeInt(parked.attempts());
            out.writeUTF(parked.error());
            out.writeLong(parked.parkedAt().getEpochSecond());
            out.writeInt(parked.parkedAt().getNano());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads an entry of {@code projection}; fails with {@link IllegalArgumentException} on anything malformed. */
    public static ParkedCommit read(String projection, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a parked commit");
            }
            long position = in.readLong();
            StreamId stream = StreamId.of(in.readUTF(), in.readUTF());
            long first = in.readLong();
            long last = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > data.length) {
                throw new IllegalArgumentException("bad event count " + count);
            }
            List<String> types = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                types.add(in.readUTF());
            }
            int attempts = in.readInt();
            String error = in.readUTF();
            Instant parkedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return new ParkedCommit(projection, position, stream, first, last, types, attempts, error, parkedAt);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed parked commit of projection " + projection, e);
        }
    }
}
