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
 * The body of a commit message: all events of one append (so that a multi-event append is one JetStream
 * message, hence atomic), after links to earlier commits of the same aggregate.
 *
 * <pre>
 * byte    format (1)
 * varint  link count (at most {@value #MAX_LINKS}), then the links: the stream sequence of the previous commit
 *         of this aggregate, then, going back, each earlier one as its distance to the one before
 * varint  event count
 * per event:
 *   string  type (varint byte length + CESU-8)
 *   varint  metadata entries, then per entry: string key, string value
 *   bytes   data (varint length + bytes)
 * </pre>
 *
 * The links let a reader holding the last commit fetch the commits before it by sequence, many at a time,
 * instead of scanning the stream (on NATS 2.9 a scan for one subject is linear in the messages between its
 * commits). Versions and the position are not in the body: the version range travels in a header
 * ({@link CommitHeaders}) and the position is the message's stream sequence.
 */
public final class CommitCodec {

    static final int FORMAT = 1;

    /** How many earlier commits each commit links to. */
    public static final int MAX_LINKS = 12;

    /** The most bytes the links can take in a body. */
    public static final int MAX_LINK_BYTES = 1 + MAX_LINKS * 10;

    private static final long[] NO_LINKS = new long[0];

    private CommitCodec() {
    }

    /** The events part of a body; framed with {@link #frame} once the links are known. */
    public static byte[] encodeEvents(List<EventData> events) {
        int expectedSize = 4;
        for (EventData event : events) {
            expectedSize += event.type().length() + event.data().length + 8 + event.metadata().size() * 24;
        }
        FrameWriter writer = new FrameWriter(expectedSize);
        writer.writeVarLong(events.size());
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

    /** A whole body: format, links (newest first, strictly decreasing) and the encoded events. */
    public static byte[] frame(long[] links, byte[] events) {
        FrameWriter writer = new FrameWriter(MAX_LINK_BYTES + 1 + events.length);
        writer.writeByte(FORMAT).writeVarLong(links.length);
        for (int i = 0; i < links.length; i++) {
            writer.writeVarLong(i == 0 ? links[0] : links[i - 1] - links[i]);
        }
        return writer.writeRaw(events).toByteArray();
    }

    /** The links of a commit on top of a head commit: the head, then the head's own links, at most {@value #MAX_LINKS}. */
    public static long[] linksAfter(long headSequence, long[] headLinks) {
        if (headSequence == 0) {
            return NO_LINKS;
        }
        long[] links = new long[Math.min(MAX_LINKS, headLinks.length + 1)];
        links[0] = headSequence;
        System.arraycopy(headLinks, 0, links, 1, links.length - 1);
        return links;
    }

    /** The links at the start of a body. */
    public static long[] links(byte[] body) {
        return readLinks(readerAtLinks(body));
    }

    /**
     * The events of a stored commit, numbered from {@code firstVersion}; fails with {@link MalformedFrameException}
     * unless the body holds exactly {@code eventCount} well-formed events (the count its header announced).
     */
    public static List<RecordedEvent> decode(byte[] body, StreamId stream, long firstVersion, int eventCount,
            long position, Instant recordedAt) {
        FrameReader reader = readerAtLinks(body);
        readLinks(reader);
        // Each event takes at least three bytes: its type's length, its metadata count and its data's length.
        int count = reader.readCount(3);
        if (count != eventCount) {
            throw new MalformedFrameException("the body holds " + count + " events, its header announces " + eventCount);
        }
        List<RecordedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = reader.readString();
            // Each entry takes at least two bytes: the lengths of its key and of its value.
            int entries = reader.readCount(2);
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

    private static FrameReader readerAtLinks(byte[] body) {
        FrameReader reader = new FrameReader(body);
        int format = reader.readByte();
        if (format != FORMAT) {
            throw new MalformedFrameException("unknown commit format " + format);
        }
        return reader;
    }

    private static long[] readLinks(FrameReader reader) {
        long count = reader.readVarLong();
        if (count < 0 || count > MAX_LINKS) {
            throw new MalformedFrameException(Long.toUnsignedString(count) + " links, more than " + MAX_LINKS);
        }
        if (count == 0) {
            return NO_LINKS;
        }
        long[] links = new long[(int) count];
        for (int i = 0; i < links.length; i++) {
            long value = reader.readVarLong();
            links[i] = i == 0 ? value : links[i - 1] - value;
            if (links[i] <= 0 || (i > 0 && value == 0)) {
                throw new MalformedFrameException("links must be positive and decrease");
            }
        }
        return links;
    }
}
