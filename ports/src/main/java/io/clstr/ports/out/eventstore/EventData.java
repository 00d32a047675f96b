package io.clstr.ports.out.eventstore;

import java.util.Map;
import java.util.Objects;

/**
 * One event to append: its stored type name (such as {@code order.placed.v1}), its encoded body and
 * its metadata (command id, correlation id and the like).
 */
public record EventData(String type, byte[] data, Map<String, String> metadata) {

    /** Bytes counted by {@link #size()} per event and per metadata entry, for the lengths and counts that frame them. */
    public static final int FRAMING_BYTES = 16;

    public EventData {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (type.isBlank()) {
            throw new IllegalArgumentException("event type must not be blank");
        }
        metadata = Map.copyOf(metadata);
    }

    public EventData(String type, byte[] data) {
        this(type, data, Map.of());
    }

    /**
     * The bytes this event counts toward {@link EventStore#maxAppendBytes()}: its data; its type and metadata keys
     * and values at 1 byte per UTF-16 unit below U+0080, 2 below U+0800 and 3 above; and {@value #FRAMING_BYTES}
     * bytes per event and per metadata entry. A store sets its limit so that events within it fit, however it
     * encodes them.
     */
    public long size() {
        long size = FRAMING_BYTES + (long) data.length + textBytes(type);
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            size += FRAMING_BYTES + textBytes(entry.getKey()) + textBytes(entry.getValue());
        }
        return size;
    }

    private static long textBytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
