package io.clstr.ports.in.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order as clients see it. Amounts are exact decimals in the order's currency.
 *
 * @param status one of {@code PLACED}, {@code CONFIRMED}, {@code CANCELLED}, {@code SHIPPED}
 * @param version the order's version (its number of events); send it back as {@code If-Match}
 */
public record OrderView(
        String orderId,
        String customerId,
        String status,
        String currency,
        List<OrderLineView> lines,
        BigDecimal total,
        long version,
        Instant placedAt,
        Instant confirmedAt,
        Instant cancelledAt,
        String cancellationReason,
        Instant shippedAt,
        String trackingNumber) {

    public OrderView {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    /** One line of an order. */
    public record OrderLineView(String lineId, String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }
}
