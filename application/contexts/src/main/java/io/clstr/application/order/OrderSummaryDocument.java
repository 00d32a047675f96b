package io.clstr.application.order;

import io.clstr.domain.order.Money;
import io.clstr.domain.order.OrderLine;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.in.order.ListOrdersQuery.OrderSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One order in the order read model, stored as {@code order.summary.v1} under {@code orders/<orderId>}. It
 * keeps the lines (with their prices) because later events name a line and change it: the total can only be
 * kept right by knowing each line. {@code total} and {@code lineCount} are stored too, so the stored document
 * answers a listing by itself; the constructor checks they agree with the lines.
 *
 * @param version the order's version this document reflects: the last event applied, which makes
 *     re-applying an event a no-op
 */
public record OrderSummaryDocument(String orderId, String customerId, OrderStatus status, String currency,
        BigDecimal total, int lineCount, long version, Instant placedAt, List<OrderLine> lines) {

    public OrderSummaryDocument {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placedAt");
        lines = List.copyOf(lines);
        if (status == OrderStatus.NEW) {
            throw new IllegalArgumentException("a listed order has been placed; status NEW is not listed");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        if (lineCount != lines.size()) {
            throw new IllegalArgumentException(
                    "lineCount " + lineCount + " does not match the " + lines.size() + " lines");
        }
        BigDecimal expected = totalOf(lines, currency);
        if (total.compareTo(expected) != 0) {
            throw new IllegalArgumentException("total " + total + " does not match the lines' total " + expected);
        }
    }

    /** The document of a just placed order. */
    public static OrderSummaryDocument placed(String orderId, String customerId, String currency, List<OrderLine> lines,
            Instant placedAt, long version) {
        return new OrderSummaryDocument(orderId, customerId, OrderStatus.PLACED, currency, totalOf(lines, currency),
                lines.size(), version, placedAt, lines);
    }

    /** This order with other lines, at {@code newVersion}. */
    public OrderSummaryDocument withLines(List<OrderLine> newLines, long newVersion) {
        return new OrderSummaryDocument(orderId, customerId, status, currency, totalOf(newLines, currency),
                newLines.size(), newVersion, placedAt, newLines);
    }

    /** This order in another status, at {@code newVersion}. */
    public OrderSummaryDocument withStatus(OrderStatus newStatus, long newVersion) {
        return new OrderSummaryDocument(orderId, customerId, newStatus, currency, total, lineCount, newVersion,
                placedAt, lines);
    }

    /** As the listing port shows it. */
    public OrderSummary toSummary() {
        return new OrderSummary(orderId, customerId, status.name(), currency, total, lineCount, version, placedAt);
    }

    private static BigDecimal totalOf(List<OrderLine> lines, String currency) {
        Money total = Money.zero(currency);
        for (OrderLine line : lines) {
            total = total.plus(line.total());
        }
        return total.amount();
    }
}
