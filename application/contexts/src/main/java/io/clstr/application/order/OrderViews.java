package io.clstr.application.order;

import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderLine;
import io.clstr.ports.in.order.OrderView;
import java.util.List;

/** Builds the order views clients see from the order's state. */
final class OrderViews {

    private OrderViews() {
    }

    static OrderView of(Versioned<Order> versioned) {
        Order order = versioned.state();
        List<OrderView.OrderLineView> lines = order.lines().stream()
                .map(OrderViews::line)
                .toList();
        return new OrderView(order.id(), order.customerId(), order.status().name(), order.currency(), lines,
                order.total().amount(), versioned.version(), order.placedAt(), order.confirmedAt(), order.cancelledAt(),
                order.cancellationReason(), order.shippedAt(), order.trackingNumber());
    }

    private static OrderView.OrderLineView line(OrderLine line) {
        return new OrderView.OrderLineView(line.lineId(), line.sku(), line.quantity(), line.unitPrice().amount(),
                line.total().amount());
    }
}
