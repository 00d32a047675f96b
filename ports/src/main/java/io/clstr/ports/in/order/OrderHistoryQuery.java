package io.clstr.ports.in.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The audit trail of an order: every event, in order, with when it was recorded and which command caused it. */
public interface OrderHistoryQuery {

    /** Empty if the order does not exist. */
    CompletionStage<Optional<List<OrderHistoryEntry>>> orderHistory(String orderId);

    /**
     * One recorded event.
     *
     * @param type the event's stored type name, such as {@code order.placed.v1}
     * @param commandId the id of the command that caused it, or {@code null}
     * @param data the event's fields exactly as stored: the JSON object its codec wrote
     */
    record OrderHistoryEntry(long version, String type, Instant recordedAt, String commandId, String data) {
        public OrderHistoryEntry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(recordedAt, "recordedAt");
            Objects.requireNonNull(data, "data");
        }
    }
}
