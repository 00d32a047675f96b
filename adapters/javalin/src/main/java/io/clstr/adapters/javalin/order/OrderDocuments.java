package io.clstr.adapters.javalin.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.clstr.ports.in.order.ListOrdersQuery.OrderSummary;
import io.clstr.ports.in.order.OrderHistoryQuery;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.request.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order API's response documents: the wire contract of {@code docs/api/order.yaml}, kept apart from the port
 * types so that a change to a port never changes the API unnoticed. Amounts are written as decimal strings and
 * instants as ISO-8601 strings; absent values are left out.
 */
public final class OrderDocuments {

    private OrderDocuments() {
    }

    public record Order(String orderId, String customerId, String status, String currency, List<OrderLine> lines,
            BigDecimal total, long version, Instant placedAt, Instant confirmedAt, Instant cancelledAt,
            String cancellationReason, Instant shippedAt, String trackingNumber) {

        static Order of(OrderView view) {
            List<OrderLine> lines = new ArrayList<>(view.lines().size());
            for (OrderView.OrderLineView line : view.lines()) {
                lines.add(new OrderLine(line.lineId(), line.sku(), line.quantity(), line.unitPrice(),
                        line.lineTotal()));
            }
            return new Order(view.orderId(), view.customerId(), view.status(), view.currency(), lines, view.total(),
                    view.version(), view.placedAt(), view.confirmedAt(), view.cancelledAt(), view.cancellationReason(),
                    view.shippedAt(), view.trackingNumber());
        }
    }

    public record OrderLine(String lineId, String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    /** An order's audit trail. */
    public record OrderHistory(String orderId, List<OrderHistoryEvent> events) {

        static OrderHistory of(String orderId, List<OrderHistoryQuery.OrderHistoryEntry> entries) {
            List<OrderHistoryEvent> events = new ArrayList<>(entries.size());
            for (OrderHistoryQuery.OrderHistoryEntry entry : entries) {
                events.add(new OrderHistoryEvent(entry.version(), entry.type(), entry.recordedAt(), entry.commandId(),
                        entry.data()));
            }
            return new OrderHistory(orderId, events);
        }
    }

    /** One recorded event: its stored type name and, under {@code data}, its fields as stored (not re-encoded). */
    public record OrderHistoryEvent(long version, String type, Instant recordedAt, String commandId,
            @JsonRawValue String data) {
    }

    public record OrderSummaryItem(String orderId, String customerId, String status, String currency,
            BigDecimal total, int lineCount, long version, Instant placedAt) {

        static OrderSummaryItem of(OrderSummary summary) {
            return new OrderSummaryItem(summary.orderId(), summary.customerId(), summary.status(), summary.currency(),
                    summary.total(), summary.lineCount(), summary.version(), summary.placedAt());
        }
    }

    /** One page of {@code GET /orders}; {@code nextCursor} is {@code null} on the last page. */
    public record OrderPage(List<OrderSummaryItem> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

        static OrderPage of(Page<OrderSummary> page) {
            List<OrderSummaryItem> items = new ArrayList<>(page.items().size());
            for (OrderSummary summary : page.items()) {
                items.add(OrderSummaryItem.of(summary));
            }
            return new OrderPage(items, page.nextCursor());
        }
    }
}
