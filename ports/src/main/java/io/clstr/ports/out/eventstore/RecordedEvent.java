package io.clstr.ports.out.eventstore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event as stored.
 *
 * @param stream the aggregate stream it belongs to
 * @param version its number in the stream: 1, 2, 3 ... without gaps
 * @param position the global position of the commit that stored it (shared by the events of one
 *     append; later commits have higher positions)
 * @param type the stored type name
 * @param data the encoded event
 * @param metadata what the writer attached (command id and the like)
 * @param recordedAt when the store accepted the commit
 */
public record RecordedEvent(
        StreamId stream,
        long version,
        long position,
        String type,
        byte[] data,
        Map<String, String> metadata,
        Instant recordedAt) {

    public RecordedEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(recordedAt, "recordedAt");
        metadata = Map.copyOf(metadata);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
    }
}
