package io.clstr.ports.out.eventstore;

import java.util.Map;
import java.util.Objects;

/**
 * One event to append: its stored type name (such as {@code order.placed.v1}), its encoded body and
 * its metadata (command id, correlation id and the like).
 */
public record EventData(String type, byte[] data, Map<String, String> metadata) {

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
}
