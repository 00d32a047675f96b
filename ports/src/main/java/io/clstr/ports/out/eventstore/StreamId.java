package io.clstr.ports.out.eventstore;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Ids;
import java.util.Objects;

/**
 * Names one aggregate's event stream: its type and its id.
 *
 * <p>Ids are free text: up to 256 characters that {@link Ids} allows (no control, format or other invisible
 * characters). Adapters that cannot store some characters in names encode them reversibly; callers never see
 * the encoded form.
 */
public record StreamId(AggregateType type, String id) {

    public static final int MAX_ID_LENGTH = 256;

    public StreamId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("stream id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        Ids.require(id, "stream id");
    }

    public static StreamId of(String type, String id) {
        return new StreamId(AggregateType.of(type), id);
    }

    @Override
    public String toString() {
        return type.name() + "/" + id;
    }
}
