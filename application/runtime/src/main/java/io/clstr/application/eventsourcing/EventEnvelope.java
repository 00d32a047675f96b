package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded event with what the store recorded around it.
 *
 * @param type the stored type name of the event
 * @param position the global position of its commit
 */
public record EventEnvelope<E>(StreamId stream, long version, long position, String type, Instant recordedAt,
        Map<String, String> metadata, E event) {

    /** Metadata key of the id of the command that caused an event. */
    public static final String COMMAND_ID = "command-id";

    /**
     * Metadata key of the fingerprint of that command's request ({@link RequestFingerprint}), as 16 hex digits;
     * absent when it had none.
     */
    public static final String COMMAND_FINGERPRINT = "command-fingerprint";

    public EventEnvelope {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(event, "event");
        metadata = Map.copyOf(metadata);
    }

    /** The id of the command that caused this event, or {@code null} if it was written without one. */
    public String commandId() {
        return metadata.get(COMMAND_ID);
    }
}
