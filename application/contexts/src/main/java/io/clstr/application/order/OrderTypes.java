package io.clstr.application.order;

import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.codec.Upcaster;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored and transmitted names of the order sample's types. Names are part of the data: never
 * change one; add a new version with an upcaster instead.
 */
public final class OrderTypes {

    /** The reason recorded for cancellations stored before the reason was mandatory. */
    public static final String UNRECORDED_REASON = "not recorded";

    private OrderTypes() {
    }

    public static TypeCatalog catalog() {
        return TypeCatalog.empty()
                .with("order.placed.v1", OrderEvent.OrderPlaced.class)
                .with("order.line-added.v1", OrderEvent.OrderLineAdded.class)
                .with("order.line-removed.v1", OrderEvent.OrderLineRemoved.class)
                .with("order.line-quantity-changed.v1", OrderEvent.OrderLineQuantityChanged.class)
                .with("order.confirmed.v1", OrderEvent.OrderConfirmed.class)
                .with("order.cancelled.v2", OrderEvent.OrderCancelled.class)
                .with("order.shipped.v1", OrderEvent.OrderShipped.class)
                .withUpcaster(new CancelledWithoutReason())
                .with("order.place.v1", OrderCommand.PlaceOrder.class)
                .with("order.add-line.v1", OrderCommand.AddLine.class)
                .with("order.remove-line.v1", OrderCommand.RemoveLine.class)
                .with("order.change-quantity.v1", OrderCommand.ChangeQuantity.class)
                .with("order.confirm.v1", OrderCommand.ConfirmOrder.class)
                .with("order.cancel.v1", OrderCommand.CancelOrder.class)
                .with("order.ship.v1", OrderCommand.ShipOrder.class)
                .with("order.state.v1", Order.class);
    }

    /** Version 1 of the cancellation event had no reason; version 2 requires one. */
    static final class CancelledWithoutReason implements Upcaster {

        @Override
        public String fromType() {
            return "order.cancelled.v1";
        }

        @Override
        public String toType() {
            return "order.cancelled.v2";
        }

        @Override
        public Map<String, Object> upcast(Map<String, Object> fields) {
            Map<String, Object> upcast = new LinkedHashMap<>(fields);
            upcast.putIfAbsent("reason", UNRECORDED_REASON);
            return upcast;
        }
    }
}
