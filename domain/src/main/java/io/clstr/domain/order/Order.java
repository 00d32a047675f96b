package io.clstr.domain.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of an order, as {@link OrderAggregate} builds it from events. One record for every status:
 * a field that a status does not reach yet is null (no {@code customerId} before it is placed, no
 * {@code shippedAt} before it ships), never a placeholder.
 *
 * @param id                 the aggregate id
 * @param status             where the order is in its life
 * @param customerId         who placed it; null while {@link OrderStatus#NEW}
 * @param currency           the currency of every line; null while {@link OrderStatus#NEW}
 * @param lines              the lines, in the order they were added; unmodifiable
 * @param placedAt           null while {@link OrderStatus#NEW}
 * @param confirmedAt        set once confirmed (and kept if it is cancelled or ships later)
 * @param cancelledAt        set once cancelled
 * @param cancellationReason set once cancelled
 * @param shippedAt          set once shipped
 * @param trackingNumber     set once shipped
 */
public record Order(
        String id,
        OrderStatus status,
        String customerId,
        String currency,
        List<OrderLine> lines,
        Instant placedAt,
        Instant confirmedAt,
        Instant cancelledAt,
        String cancellationReason,
        Instant shippedAt,
        String trackingNumber) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        lines = Checks.elements(lines, "lines");
    }

    /** An order of which nothing is known yet but its id. */
    static Order unplaced(String id) {
        return new Order(id, OrderStatus.NEW, null, null, List.of(), null, null, null, null, null, null);
    }

    /** Whether the order exists for clients, i.e. has been placed (whatever happened since). */
    public boolean isPlaced() {
        return status != OrderStatus.NEW;
    }

    /**
     * The sum of the line totals, in the order's currency (zero when every line was removed).
     *
     * @throws IllegalStateException if the order has not been placed, so has no currency
     */
    public Money total() {
        if (currency == null) {
            throw new IllegalStateException("order " + id + " has not been placed, so it has no total");
        }
        Money total = Money.zero(currency);
        for (OrderLine line : lines) {
            total = total.plus(line.total());
        }
        return total;
    }

    /** The line with this id, if the order has it. */
    public Optional<OrderLine> line(String lineId) {
        return Optional.ofNullable(lineOrNull(lineId));
    }

    /** The ids of the order's lines. */
    Set<String> lineIds() {
        Set<String> ids = new HashSet<>();
        for (OrderLine line : lines) {
            ids.add(line.lineId());
        }
        return ids;
    }

    OrderLine lineOrNull(String lineId) {
        for (OrderLine line : lines) {
            if (line.lineId().equals(lineId)) {
                return line;
            }
        }
        return null;
    }

    // Transitions used by OrderAggregate.evolve. They copy every field so that evolve reads as one line
    // per event; none of them checks the status, because events are facts and evolve never refuses one.

    Order placed(String customerId, String currency, List<OrderLine> lines, Instant placedAt) {
        return new Order(id, OrderStatus.PLACED, customerId, currency, lines, placedAt,
                confirmedAt, cancelledAt, cancellationReason, shippedAt, trackingNumber);
    }

    Order withLineAdded(OrderLine line) {
        List<OrderLine> changed = new ArrayList<>(lines.size() + 1);
        changed.addAll(lines);
        changed.add(line);
        return withLines(changed);
    }

    Order withLineRemoved(String lineId) {
        List<OrderLine> changed = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            if (!line.lineId().equals(lineId)) {
                changed.add(line);
            }
        }
        return withLines(changed);
    }

    Order withQuantity(String lineId, int quantity) {
        List<OrderLine> changed = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            changed.add(line.lineId().equals(lineId) ? line.withQuantity(quantity) : line);
        }
        return withLines(changed);
    }

    Order confirmed(Instant at) {
        return new Order(id, OrderStatus.CONFIRMED, customerId, currency, lines, placedAt,
                at, cancelledAt, cancellationReason, shippedAt, trackingNumber);
    }

    Order cancelled(String reason, Instant at) {
        return new Order(id, OrderStatus.CANCELLED, customerId, currency, lines, placedAt,
                confirmedAt, at, reason, shippedAt, trackingNumber);
    }

    Order shipped(String tracking, Instant at) {
        return new Order(id, OrderStatus.SHIPPED, customerId, currency, lines, placedAt,
                confirmedAt, cancelledAt, cancellationReason, at, tracking);
    }

    private Order withLines(List<OrderLine> changed) {
        return new Order(id, status, customerId, currency, changed, placedAt,
                confirmedAt, cancelledAt, cancellationReason, shippedAt, trackingNumber);
    }
}
