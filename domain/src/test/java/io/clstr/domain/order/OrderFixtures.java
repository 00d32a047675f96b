package io.clstr.domain.order;

import io.clstr.domain.kernel.testing.AggregateScenario;
import io.clstr.domain.order.OrderCommand.AddLine;
import io.clstr.domain.order.OrderCommand.CancelOrder;
import io.clstr.domain.order.OrderCommand.ChangeQuantity;
import io.clstr.domain.order.OrderCommand.ConfirmOrder;
import io.clstr.domain.order.OrderCommand.PlaceOrder;
import io.clstr.domain.order.OrderCommand.RemoveLine;
import io.clstr.domain.order.OrderCommand.ShipOrder;
import io.clstr.domain.order.OrderEvent.OrderCancelled;
import io.clstr.domain.order.OrderEvent.OrderConfirmed;
import io.clstr.domain.order.OrderEvent.OrderLineAdded;
import io.clstr.domain.order.OrderEvent.OrderLineQuantityChanged;
import io.clstr.domain.order.OrderEvent.OrderLineRemoved;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ready-made orders, lines, commands and event histories for tests of any module (shipped in the
 * domain test-jar). Everything is in {@link #CURRENCY} at fixed instants, so results are reproducible.
 */
public final class OrderFixtures {

    public static final String ORDER_ID = "order-1";
    public static final String CUSTOMER_ID = "customer-1";
    public static final String CURRENCY = "EUR";
    public static final String TRACKING_NUMBER = "TRACK-0001";
    public static final String CANCELLATION_REASON = "customer changed their mind";

    public static final Instant PLACED_AT = Instant.parse("2024-03-01T09:00:00Z");
    public static final Instant CONFIRMED_AT = Instant.parse("2024-03-01T09:05:00Z");
    public static final Instant CANCELLED_AT = Instant.parse("2024-03-01T10:00:00Z");
    public static final Instant SHIPPED_AT = Instant.parse("2024-03-02T08:30:00Z");

    private OrderFixtures() {
    }

    /** A scenario on the order {@link #ORDER_ID}. */
    public static AggregateScenario<OrderCommand, OrderEvent, Order> anOrder() {
        return AggregateScenario.of(new OrderAggregate(), ORDER_ID);
    }

    /** An amount in {@link #CURRENCY}, such as {@code eur("12.50")}. */
    public static Money eur(String amount) {
        return Money.of(amount, CURRENCY);
    }

    /** Two units of {@code sku-<lineId>} at 9.99 EUR. */
    public static OrderLine aLine(String lineId) {
        return aLine(lineId, 2, eur("9.99"));
    }

    public static OrderLine aLine(String lineId, int quantity, Money unitPrice) {
        return new OrderLine(lineId, "sku-" + lineId, quantity, unitPrice);
    }

    /** {@code count} distinct lines {@code line-1 .. line-<count>}. */
    public static List<OrderLine> lines(int count) {
        List<OrderLine> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            lines.add(aLine("line-" + i));
        }
        return lines;
    }

    /** Places an order in {@link #CURRENCY} for {@link #CUSTOMER_ID} with these lines. */
    public static PlaceOrder placeOrder(OrderLine... lines) {
        return placeOrder(List.of(lines));
    }

    public static PlaceOrder placeOrder(List<OrderLine> lines) {
        return new PlaceOrder(CUSTOMER_ID, CURRENCY, lines, PLACED_AT);
    }

    public static OrderPlaced orderPlaced(OrderLine... lines) {
        return orderPlaced(List.of(lines));
    }

    public static OrderPlaced orderPlaced(List<OrderLine> lines) {
        return new OrderPlaced(CUSTOMER_ID, CURRENCY, lines, PLACED_AT);
    }

    /** The history of an order placed with these lines (one line when none is given). */
    public static List<OrderEvent> placedEvents(OrderLine... lines) {
        return List.of(orderPlaced(orDefault(lines)));
    }

    /** The history of an order placed with these lines, then confirmed. */
    public static List<OrderEvent> confirmedEvents(OrderLine... lines) {
        return List.of(orderPlaced(orDefault(lines)), new OrderConfirmed(CONFIRMED_AT));
    }

    /** The history of an order placed with these lines, then cancelled. */
    public static List<OrderEvent> cancelledEvents(OrderLine... lines) {
        return List.of(orderPlaced(orDefault(lines)), new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT));
    }

    /** The history of an order placed with these lines, confirmed, then shipped. */
    public static List<OrderEvent> shippedEvents(OrderLine... lines) {
        return List.of(orderPlaced(orDefault(lines)), new OrderConfirmed(CONFIRMED_AT),
                new OrderShipped(TRACKING_NUMBER, SHIPPED_AT));
    }

    /** One instance of every command type; {@code SealedFamilies.assertSamplesCoverEveryLeaf} holds. */
    public static List<OrderCommand> oneOfEachCommand() {
        return List.of(
                placeOrder(aLine("line-1")),
                new AddLine(aLine("line-2")),
                new RemoveLine("line-1"),
                new ChangeQuantity("line-1", 3),
                new ConfirmOrder(CONFIRMED_AT),
                new CancelOrder(CANCELLATION_REASON, CANCELLED_AT),
                new ShipOrder(TRACKING_NUMBER, SHIPPED_AT));
    }

    /**
     * One instance of every event type, with every field set (useful for codec round trips);
     * {@code SealedFamilies.assertSamplesCoverEveryLeaf} holds.
     */
    public static List<OrderEvent> oneOfEachEvent() {
        return List.of(
                new OrderPlaced(CUSTOMER_ID, CURRENCY, List.of(aLine("line-1"), aLine("line-2", 1, eur("120.00"))),
                        PLACED_AT),
                new OrderLineAdded(aLine("line-3", 4, eur("0.50"))),
                new OrderLineRemoved("line-2"),
                new OrderLineQuantityChanged("line-1", 5),
                new OrderConfirmed(CONFIRMED_AT),
                new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT),
                new OrderShipped(TRACKING_NUMBER, SHIPPED_AT));
    }

    private static OrderLine[] orDefault(OrderLine[] lines) {
        return lines.length == 0 ? new OrderLine[] {aLine("line-1")} : lines;
    }
}
