package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a commit message: all events of one append, so that a multi-event append is one JetStream
 * message and therefore atomic.
 *
 * <pre>
 * byte    format (1)
 * varint  event count
 * per event:
 *   string  type
 *   varint  metadata entries, then per entry: string key, string value
 *   bytes   data (varint length + bytes)
 * </pre>
 *
 * Versions and the position are not in the body: the first version travels in a header and the position
 * is the message's stream sequence.
 */
public final class CommitCodec {

    static final int FORMAT = 1;

    private CommitCodec() {
    }

    public static byte[] encode(List<EventData> events) {
        int expectedSize = 8;
        for (EventData event : events) {
            expectedSize += event.type().length() + event.data().length + 8 + event.metadata().size() * 24;
        }
        FrameWriter writer = new FrameWriter(expectedSize);
        writer.writeByte(FORMAT).writeVarLong(events.size());
        for (EventData event : events) {
            writer.writeString(event.type());
            writer.writeVarLong(event.metadata().size());
            for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
                writer.writeString(entry.getKey()).writeString(entry.getValue());
            }
            writer.writeBytes(event.data());
        }
        return writer.toByteArray();
    }

    /** The events of a stored commit, numbered from {@code firstVersion}. */
    public static List<RecordedEvent> decode(byte[] body, StreamId stream, long firstVersion, long position,
            Instant recordedAt) {
        FrameReader reader = new FrameReader(body);
        int format = reader.readByte();
        if (format != FORMAT) {
            throw new MalformedFrameException("unknown commit format " + format);
        }
        int count = Math.toIntExact(reader.readVarLong());
        List<RecordedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = reader.readString();
            int entries = Math.toIntExact(reader.readVarLong());
            Map<String, String> metadata = entries == 0 ? Map.of() : new HashMap<>(entries * 2);
            for (int entry = 0; entry < entries; entry++) {
                metadata.put(reader.readString(), reader.readString());
            }
            byte[] data = reader.readBytes();
            events.add(new RecordedEvent(stream, firstVersion + i, position, type, data, metadata, recordedAt));
        }
        if (!reader.atEnd()) {
            throw new MalformedFrameException("bytes after the last event");
        }
        return events;
    }
}
