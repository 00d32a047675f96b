package io.clstr.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a client may ask of an order. Constructors refuse malformed commands (missing values, ids that are blank
 * or hold invisible characters, see {@link io.clstr.domain.kernel.Ids}, unknown currencies) with an exception; whether a well-formed command is allowed is decided by
 * {@link OrderAggregate} with a rejection code. Times are stamped by the caller, never read from a clock here.
 */
public sealed interface OrderCommand {

    /** Places a new order. Its lines may be empty here; {@link OrderAggregate} refuses that as a rule. */
    record PlaceOrder(String customerId, String currency, List<OrderLine> lines, Instant placedAt)
            implements OrderCommand {
        public PlaceOrder {
            Checks.id(customerId, "customerId");
            Money.requireCurrency(currency);
            lines = Checks.elements(lines, "lines");
            for (int i = 0; i < lines.size(); i++) {
                Checks.commandLine(lines.get(i), "lines[" + i + "]");
            }
            Objects.requireNonNull(placedAt, "placedAt");
        }
    }

    /** Adds a line to a placed order. */
    record AddLine(OrderLine line) implements OrderCommand {
        public AddLine {
            Checks.commandLine(line, "line");
        }
    }

    /** Removes a line from a placed order. */
    record RemoveLine(String lineId) implements OrderCommand {
        public RemoveLine {
            Checks.id(lineId, "lineId");
        }
    }

    /** Sets the quantity of a line of a placed order. */
    record ChangeQuantity(String lineId, int quantity) implements OrderCommand {
        public ChangeQuantity {
            Checks.id(lineId, "lineId");
        }
    }

    /** Accepts a placed order for fulfilment. */
    record ConfirmOrder(Instant confirmedAt) implements OrderCommand {
        public ConfirmOrder {
            Objects.requireNonNull(confirmedAt, "confirmedAt");
        }
    }

    /**
     * Cancels an order that has not shipped. A missing or blank reason is well-formed here and refused by
     * {@link OrderAggregate} ({@link OrderRejections#CANCELLATION_REASON_REQUIRED}), so that both reach
     * the client as the same business answer.
     */
    record CancelOrder(String reason, Instant cancelledAt) implements OrderCommand {
        public CancelOrder {
            Objects.requireNonNull(cancelledAt, "cancelledAt");
        }
    }

    /** Records that a confirmed order left with a carrier. */
    record ShipOrder(String trackingNumber, Instant shippedAt) implements OrderCommand {
        public ShipOrder {
            Checks.id(trackingNumber, "trackingNumber");
            Objects.requireNonNull(shippedAt, "shippedAt");
        }
    }
}
