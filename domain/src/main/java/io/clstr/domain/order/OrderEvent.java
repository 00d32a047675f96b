package io.clstr.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to an order. Events carry no order id: the stream they are stored in names the
 * aggregate. They are facts, so {@link OrderAggregate#evolve} applies any of them without checking rules;
 * constructors only refuse values no order could ever have recorded (nulls, blank ids).
 */
public sealed interface OrderEvent {

    /** The order was placed with these lines, all priced in {@code currency}. */
    record OrderPlaced(String customerId, String currency, List<OrderLine> lines, Instant placedAt)
            implements OrderEvent {
        public OrderPlaced {
            Checks.text(customerId, "customerId");
            Money.requireCurrency(currency);
            lines = Checks.elements(lines, "lines");
            for (int i = 0; i < lines.size(); i++) {
                Checks.recordedLine(lines.get(i), "lines[" + i + "]");
            }
            Objects.requireNonNull(placedAt, "placedAt");
        }
    }

    /** A line was appended to the order. */
    record OrderLineAdded(OrderLine line) implements OrderEvent {
        public OrderLineAdded {
            Checks.recordedLine(line, "line");
        }
    }

    /** A line was removed from the order. */
    record OrderLineRemoved(String lineId) implements OrderEvent {
        public OrderLineRemoved {
            Checks.text(lineId, "lineId");
        }
    }

    /** The quantity of a line was changed. */
    record OrderLineQuantityChanged(String lineId, int quantity) implements OrderEvent {
        public OrderLineQuantityChanged {
            Checks.text(lineId, "lineId");
        }
    }

    /** The order was confirmed; its lines are final. */
    record OrderConfirmed(Instant confirmedAt) implements OrderEvent {
        public OrderConfirmed {
            Objects.requireNonNull(confirmedAt, "confirmedAt");
        }
    }

    /** The order was cancelled, for this reason. */
    record OrderCancelled(String reason, Instant cancelledAt) implements OrderEvent {
        public OrderCancelled {
            Checks.text(reason, "reason");
            Objects.requireNonNull(cancelledAt, "cancelledAt");
        }
    }

    /** The order left with a carrier. */
    record OrderShipped(String trackingNumber, Instant shippedAt) implements OrderEvent {
        public OrderShipped {
            Checks.text(trackingNumber, "trackingNumber");
            Objects.requireNonNull(shippedAt, "shippedAt");
        }
    }
}
