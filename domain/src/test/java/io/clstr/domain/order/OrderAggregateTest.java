package io.clstr.domain.order;

import static io.clstr.domain.order.OrderFixtures.CANCELLATION_REASON;
import static io.clstr.domain.order.OrderFixtures.CANCELLED_AT;
import static io.clstr.domain.order.OrderFixtures.CONFIRMED_AT;
import static io.clstr.domain.order.OrderFixtures.CURRENCY;
import static io.clstr.domain.order.OrderFixtures.CUSTOMER_ID;
import static io.clstr.domain.order.OrderFixtures.PLACED_AT;
import static io.clstr.domain.order.OrderFixtures.SHIPPED_AT;
import static io.clstr.domain.order.OrderFixtures.TRACKING_NUMBER;
import static io.clstr.domain.order.OrderFixtures.aLine;
import static io.clstr.domain.order.OrderFixtures.anOrder;
import static io.clstr.domain.order.OrderFixtures.cancelledEvents;
import static io.clstr.domain.order.OrderFixtures.confirmedEvents;
import static io.clstr.domain.order.OrderFixtures.eur;
import static io.clstr.domain.order.OrderFixtures.lines;
import static io.clstr.domain.order.OrderFixtures.orderPlaced;
import static io.clstr.domain.order.OrderFixtures.placeOrder;
import static io.clstr.domain.order.OrderFixtures.placedEvents;
import static io.clstr.domain.order.OrderFixtures.shippedEvents;
import static io.clstr.domain.order.OrderRejections.CANCELLATION_REASON_REQUIRED;
import static io.clstr.domain.order.OrderRejections.CURRENCY_MISMATCH;
import static io.clstr.domain.order.OrderRejections.DUPLICATE_LINE_ID;
import static io.clstr.domain.order.OrderRejections.EMPTY_ORDER;
import static io.clstr.domain.order.OrderRejections.INVALID_QUANTITY;
import static io.clstr.domain.order.OrderRejections.LINE_NOT_FOUND;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_CANCELLED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_CONFIRMED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_PLACED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_SHIPPED;
import static io.clstr.domain.order.OrderRejections.ORDER_CANCELLED;
import static io.clstr.domain.order.OrderRejections.ORDER_HAS_NO_LINES;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_CONFIRMED;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_FOUND;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_MODIFIABLE;
import static io.clstr.domain.order.OrderRejections.TOO_MANY_LINES;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderAggregateTest {

    /** The history of an order that reached {@code status} the usual way. */
    private static List<OrderEvent> historyReaching(OrderStatus status) {
        return switch (status) {
            case NEW -> List.of();
            case PLACED -> placedEvents();
            case CONFIRMED -> confirmedEvents();
            case CANCELLED -> cancelledEvents();
            case SHIPPED -> shippedEvents();
        };
    }

    @Test
    void is_the_order_type() {
        assertThat(new OrderAggregate().type().name()).isEqualTo("order");
    }

    @Nested
    class PlacingAnOrder {

        @Test
        void places_the_order_with_its_lines() {
            OrderLine first = aLine("a", 2, eur("9.99"));
            OrderLine second = aLine("b", 1, eur("5.00"));

            anOrder()
                    .when(placeOrder(first, second))
                    .thenEmits(new OrderPlaced(CUSTOMER_ID, CURRENCY, List.of(first, second), PLACED_AT))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
                        assertThat(order.isPlaced()).isTrue();
                        assertThat(order.customerId()).isEqualTo(CUSTOMER_ID);
                        assertThat(order.currency()).isEqualTo(CURRENCY);
                        assertThat(order.lines()).containsExactly(first, second);
                        assertThat(order.placedAt()).isEqualTo(PLACED_AT);
                        assertThat(order.total()).isEqualTo(eur("24.98"));
                        assertThat(order.confirmedAt()).isNull();
                    });
        }

        @Test
        void accepts_the_maximum_number_of_lines() {
            anOrder()
                    .when(placeOrder(lines(OrderAggregate.MAX_LINES)))
                    .thenState(order -> assertThat(order.lines()).hasSize(OrderAggregate.MAX_LINES));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, OrderAggregate.MAX_QUANTITY})
        void accepts_the_smallest_and_largest_quantity(int quantity) {
            anOrder()
                    .when(placeOrder(aLine("a", quantity, eur("1.00"))))
                    .thenEmits(orderPlaced(aLine("a", quantity, eur("1.00"))));
        }

        @Test
        void accepts_a_line_that_costs_nothing() {
            anOrder()
                    .when(placeOrder(aLine("gift", 1, eur("0"))))
                    .thenState(order -> assertThat(order.total().isZero()).isTrue());
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = "NEW", mode = EnumSource.Mode.EXCLUDE)
        void rejects_placing_an_order_that_was_already_placed(OrderStatus status) {
            anOrder().given(historyReaching(status)).when(placeOrder(aLine("a"))).thenRejects(ORDER_ALREADY_PLACED);
        }

        @Test
        void rejects_an_order_without_lines() {
            anOrder().when(placeOrder()).thenRejects(ORDER_HAS_NO_LINES);
        }

        @Test
        void rejects_more_than_the_maximum_number_of_lines() {
            anOrder().when(placeOrder(lines(OrderAggregate.MAX_LINES + 1))).thenRejects(TOO_MANY_LINES);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, OrderAggregate.MAX_QUANTITY + 1, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void rejects_a_quantity_out_of_range(int quantity) {
            anOrder().when(placeOrder(aLine("a"), aLine("b", quantity, eur("1.00")))).thenRejects(INVALID_QUANTITY);
        }

        @Test
        void rejects_a_line_priced_in_another_currency() {
            anOrder()
                    .when(placeOrder(aLine("a"), aLine("b", 1, Money.of("1.00", "USD"))))
                    .thenRejects(CURRENCY_MISMATCH);
        }

        @Test
        void numbers_the_lines_without_an_id_around_the_ids_the_client_chose() {
            OrderLine unnamed = aLine(null, 1, eur("1.00"));

            anOrder()
                    .when(placeOrder(unnamed, aLine("line-1"), unnamed, aLine("gift")))
                    .thenState(order -> assertThat(order.lines()).extracting(OrderLine::lineId)
                            .containsExactly("line-2", "line-1", "line-3", "gift"));
        }

        @Test
        void rejects_two_lines_with_the_same_id() {
            anOrder()
                    .when(placeOrder(aLine("a"), aLine("b"), aLine("a", 5, eur("3.00"))))
                    .thenRejects(DUPLICATE_LINE_ID);
        }

        @Test
        void rejects_an_order_placed_in_a_currency_the_lines_do_not_use() {
            anOrder()
                    .when(new PlaceOrder(CUSTOMER_ID, "USD", List.of(aLine("a")), PLACED_AT))
                    .thenRejects(CURRENCY_MISMATCH);
        }
    }

    @Nested
    class AddingALine {

        @Test
        void appends_the_line() {
            OrderLine added = aLine("b", 3, eur("1.50"));

            anOrder()
                    .given(placedEvents(aLine("a")))
                    .when(new AddLine(added))
                    .thenEmits(new OrderLineAdded(added))
                    .thenState(order -> assertThat(order.lines()).containsExactly(aLine("a"), added));
        }

        @Test
        void numbers_a_line_without_an_id_by_the_same_rule_as_placing() {
            anOrder()
                    .given(placedEvents(aLine("line-1"), aLine("line-2"), aLine("line-4")))
                    .when(new AddLine(new OrderLine(null, "sku-9", 1, eur("1.00"))))
                    .thenEmits(new OrderLineAdded(new OrderLine("line-3", "sku-9", 1, eur("1.00"))));
        }

        @Test
        void numbers_a_line_with_the_id_of_a_removed_one_when_that_is_the_first_free() {
            anOrder()
                    .given(placedEvents(aLine("line-1"), aLine("line-2")))
                    .given(new OrderLineRemoved("line-1"))
                    .when(new AddLine(aLine(null, 1, eur("1.00"))))
                    .thenState(order -> assertThat(order.lines()).extracting(OrderLine::lineId)
                            .containsExactly("line-2", "line-1"));
        }

        @Test
        void accepts_the_id_of_a_line_that_was_removed() {
            anOrder()
                    .given(placedEvents(aLine("a"), aLine("b")))
                    .given(new OrderLineRemoved("a"))
                    .when(new AddLine(aLine("a", 7, eur("2.00"))))
                    .thenState(order -> assertThat(order.lines())
                            .containsExactly(aLine("b"), aLine("a", 7, eur("2.00"))));
        }

        @Test
        void accepts_a_line_up_to_the_maximum_number_of_lines() {
            anOrder()
                    .given(orderPlaced(lines(OrderAggregate.MAX_LINES - 1)))
                    .when(new AddLine(aLine("last")))
                    .thenState(order -> assertThat(order.lines()).hasSize(OrderAggregate.MAX_LINES));
        }

        @Test
        void rejects_adding_to_an_order_that_was_never_placed() {
            anOrder().when(new AddLine(aLine("a"))).thenRejects(ORDER_NOT_FOUND);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "CANCELLED", "SHIPPED"})
        void rejects_adding_once_the_order_left_placed(OrderStatus status) {
            anOrder().given(historyReaching(status)).when(new AddLine(aLine("b"))).thenRejects(ORDER_NOT_MODIFIABLE);
        }

        @Test
        void judges_the_status_before_the_line() {
            anOrder()
                    .given(confirmedEvents())
                    .when(new AddLine(aLine("b", 0, Money.of("1", "USD"))))
                    .thenRejects(ORDER_NOT_MODIFIABLE);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -3, OrderAggregate.MAX_QUANTITY + 1})
        void rejects_a_quantity_out_of_range(int quantity) {
            anOrder()
                    .given(placedEvents())
                    .when(new AddLine(aLine("b", quantity, eur("1.00"))))
                    .thenRejects(INVALID_QUANTITY);
        }

        @Test
        void rejects_a_line_priced_in_another_currency() {
            anOrder()
                    .given(placedEvents())
                    .when(new AddLine(aLine("b", 1, Money.of("100", "JPY"))))
                    .thenRejects(CURRENCY_MISMATCH);
        }

        @Test
        void rejects_a_line_id_the_order_already_has() {
            anOrder()
                    .given(placedEvents(aLine("a")))
                    .when(new AddLine(aLine("a", 1, eur("3.00"))))
                    .thenRejects(DUPLICATE_LINE_ID);
        }

        @Test
        void rejects_a_line_beyond_the_maximum_number_of_lines() {
            anOrder()
                    .given(orderPlaced(lines(OrderAggregate.MAX_LINES)))
                    .when(new AddLine(aLine("one-too-many")))
                    .thenRejects(TOO_MANY_LINES);
        }
    }

    @Nested
    class RemovingALine {

        @Test
        void removes_the_line() {
            anOrder()
                    .given(placedEvents(aLine("a"), aLine("b"), aLine("c")))
                    .when(new RemoveLine("b"))
                    .thenEmits(new OrderLineRemoved("b"))
                    .thenState(order -> assertThat(order.lines()).containsExactly(aLine("a"), aLine("c")));
        }

        @Test
        void may_remove_the_last_line_leaving_a_placed_order_without_lines() {
            anOrder()
                    .given(placedEvents(aLine("a")))
                    .when(new RemoveLine("a"))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
                        assertThat(order.lines()).isEmpty();
                    });
        }

        @Test
        void rejects_removing_from_an_order_that_was_never_placed() {
            anOrder().when(new RemoveLine("a")).thenRejects(ORDER_NOT_FOUND);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "CANCELLED", "SHIPPED"})
        void rejects_removing_once_the_order_left_placed(OrderStatus status) {
            anOrder().given(historyReaching(status)).when(new RemoveLine("line-1")).thenRejects(ORDER_NOT_MODIFIABLE);
        }

        @Test
        void rejects_a_line_the_order_does_not_have() {
            anOrder().given(placedEvents(aLine("a"))).when(new RemoveLine("z")).thenRejects(LINE_NOT_FOUND);
        }

        @Test
        void rejects_removing_a_line_twice() {
            anOrder()
                    .given(placedEvents(aLine("a"), aLine("b")))
                    .given(new OrderLineRemoved("a"))
                    .when(new RemoveLine("a"))
                    .thenRejects(LINE_NOT_FOUND);
        }
    }

    @Nested
    class ChangingAQuantity {

        @Test
        void changes_the_quantity_of_the_line() {
            anOrder()
                    .given(placedEvents(aLine("a", 2, eur("10.00")), aLine("b")))
                    .when(new ChangeQuantity("a", 5))
                    .thenEmits(new OrderLineQuantityChanged("a", 5))
                    .thenState(order -> {
                        assertThat(order.lines()).containsExactly(aLine("a", 5, eur("10.00")), aLine("b"));
                        assertThat(order.total()).isEqualTo(eur("69.98"));
                    });
        }

        @Test
        void accepts_the_same_quantity_and_changes_nothing() {
            anOrder()
                    .given(placedEvents(aLine("a", 2, eur("10.00"))))
                    .when(new ChangeQuantity("a", 2))
                    .thenEmitsNothing();
        }

        @Test
        void accepts_the_largest_quantity() {
            anOrder()
                    .given(placedEvents(aLine("a")))
                    .when(new ChangeQuantity("a", OrderAggregate.MAX_QUANTITY))
                    .thenEmits(new OrderLineQuantityChanged("a", OrderAggregate.MAX_QUANTITY));
        }

        @Test
        void rejects_changing_an_order_that_was_never_placed() {
            anOrder().when(new ChangeQuantity("a", 1)).thenRejects(ORDER_NOT_FOUND);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "CANCELLED", "SHIPPED"})
        void rejects_changing_once_the_order_left_placed(OrderStatus status) {
            anOrder()
                    .given(historyReaching(status))
                    .when(new ChangeQuantity("line-1", 3))
                    .thenRejects(ORDER_NOT_MODIFIABLE);
        }

        @Test
        void rejects_a_line_the_order_does_not_have() {
            anOrder().given(placedEvents(aLine("a"))).when(new ChangeQuantity("z", 3)).thenRejects(LINE_NOT_FOUND);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, OrderAggregate.MAX_QUANTITY + 1})
        void rejects_a_quantity_out_of_range(int quantity) {
            anOrder()
                    .given(placedEvents(aLine("a")))
                    .when(new ChangeQuantity("a", quantity))
                    .thenRejects(INVALID_QUANTITY);
        }
    }

    @Nested
    class ConfirmingAnOrder {

        @Test
        void confirms_a_placed_order() {
            anOrder()
                    .given(placedEvents())
                    .when(new ConfirmOrder(CONFIRMED_AT))
                    .thenEmits(new OrderConfirmed(CONFIRMED_AT))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
                        assertThat(order.confirmedAt()).isEqualTo(CONFIRMED_AT);
                    });
        }

        @Test
        void rejects_confirming_an_order_that_was_never_placed() {
            anOrder().when(new ConfirmOrder(CONFIRMED_AT)).thenRejects(ORDER_NOT_FOUND);
        }

        @Test
        void rejects_confirming_an_order_whose_lines_were_all_removed() {
            anOrder()
                    .given(placedEvents(aLine("a"), aLine("b")))
                    .given(new OrderLineRemoved("a"), new OrderLineRemoved("b"))
                    .when(new ConfirmOrder(CONFIRMED_AT))
                    .thenRejects(EMPTY_ORDER);
        }

        @Test
        void rejects_confirming_twice() {
            anOrder()
                    .given(confirmedEvents())
                    .when(new ConfirmOrder(CONFIRMED_AT))
                    .thenRejects(ORDER_ALREADY_CONFIRMED);
        }

        @Test
        void rejects_confirming_a_cancelled_order() {
            anOrder().given(cancelledEvents()).when(new ConfirmOrder(CONFIRMED_AT)).thenRejects(ORDER_CANCELLED);
        }

        @Test
        void rejects_confirming_a_shipped_order() {
            anOrder().given(shippedEvents()).when(new ConfirmOrder(CONFIRMED_AT)).thenRejects(ORDER_ALREADY_SHIPPED);
        }
    }

    @Nested
    class CancellingAnOrder {

        @Test
        void cancels_a_placed_order_with_its_reason() {
            anOrder()
                    .given(placedEvents())
                    .when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT))
                    .thenEmits(new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                        assertThat(order.cancellationReason()).isEqualTo(CANCELLATION_REASON);
                        assertThat(order.cancelledAt()).isEqualTo(CANCELLED_AT);
                        assertThat(order.confirmedAt()).isNull();
                    });
        }

        @Test
        void cancels_a_confirmed_order_and_remembers_when_it_was_confirmed() {
            anOrder()
                    .given(confirmedEvents())
                    .when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT))
                    .thenEmits(new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                        assertThat(order.confirmedAt()).isEqualTo(CONFIRMED_AT);
                    });
        }

        @Test
        void cancels_a_placed_order_whose_lines_were_all_removed() {
            anOrder()
                    .given(placedEvents(aLine("a")))
                    .given(new OrderLineRemoved("a"))
                    .when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT))
                    .thenEmits(new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT));
        }

        @Test
        void rejects_cancelling_an_order_that_was_never_placed() {
            anOrder().when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT)).thenRejects(ORDER_NOT_FOUND);
        }

        @Test
        void rejects_cancelling_twice() {
            anOrder()
                    .given(cancelledEvents())
                    .when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT))
                    .thenRejects(ORDER_ALREADY_CANCELLED);
        }

        @Test
        void rejects_cancelling_a_shipped_order() {
            anOrder()
                    .given(shippedEvents())
                    .when(new CancelOrder(CANCELLATION_REASON, CANCELLED_AT))
                    .thenRejects(ORDER_ALREADY_SHIPPED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void rejects_a_blank_reason(String reason) {
            anOrder()
                    .given(placedEvents())
                    .when(new CancelOrder(reason, CANCELLED_AT))
                    .thenRejects(CANCELLATION_REASON_REQUIRED);
        }

        @Test
        void rejects_a_missing_reason() {
            anOrder()
                    .given(confirmedEvents())
                    .when(new CancelOrder(null, CANCELLED_AT))
                    .thenRejects(CANCELLATION_REASON_REQUIRED);
        }

        @Test
        void judges_the_status_before_the_reason() {
            anOrder()
                    .given(cancelledEvents())
                    .when(new CancelOrder("", CANCELLED_AT))
                    .thenRejects(ORDER_ALREADY_CANCELLED);
        }
    }

    @Nested
    class ShippingAnOrder {

        @Test
        void ships_a_confirmed_order() {
            anOrder()
                    .given(confirmedEvents())
                    .when(new ShipOrder(TRACKING_NUMBER, SHIPPED_AT))
                    .thenEmits(new OrderShipped(TRACKING_NUMBER, SHIPPED_AT))
                    .thenState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
                        assertThat(order.trackingNumber()).isEqualTo(TRACKING_NUMBER);
                        assertThat(order.shippedAt()).isEqualTo(SHIPPED_AT);
                        assertThat(order.confirmedAt()).isEqualTo(CONFIRMED_AT);
                    });
        }

        @Test
        void rejects_shipping_an_order_that_was_never_placed() {
            anOrder().when(new ShipOrder(TRACKING_NUMBER, SHIPPED_AT)).thenRejects(ORDER_NOT_FOUND);
        }

        @Test
        void rejects_shipping_an_order_that_is_not_confirmed() {
            anOrder()
                    .given(placedEvents())
                    .when(new ShipOrder(TRACKING_NUMBER, SHIPPED_AT))
                    .thenRejects(ORDER_NOT_CONFIRMED);
        }

        @Test
        void rejects_shipping_a_cancelled_order() {
            anOrder()
                    .given(cancelledEvents())
                    .when(new ShipOrder(TRACKING_NUMBER, SHIPPED_AT))
                    .thenRejects(ORDER_CANCELLED);
        }

        @Test
        void rejects_shipping_an_order_cancelled_after_confirmation() {
            anOrder()
                    .given(confirmedEvents())
                    .given(new OrderCancelled(CANCELLATION_REASON, CANCELLED_AT))
                    .when(new ShipOrder(TRACKING_NUMBER, SHIPPED_AT))
                    .thenRejects(ORDER_CANCELLED);
        }

        @Test
        void rejects_shipping_twice() {
            anOrder()
                    .given(shippedEvents())
                    .when(new ShipOrder("OTHER-1", SHIPPED_AT))
                    .thenRejects(ORDER_ALREADY_SHIPPED);
        }
    }

    @Nested
    class ApplyingEvents {

        private final OrderAggregate aggregate = new OrderAggregate();

        @Test
        void rebuilds_a_whole_life_from_its_history() {
            Order order = anOrder()
                    .given(placedEvents(aLine("a", 1, eur("4.00")), aLine("b")))
                    .given(new OrderLineAdded(aLine("c", 3, eur("1.00"))),
                            new OrderLineRemoved("b"),
                            new OrderLineQuantityChanged("a", 2))
                    .given(new OrderConfirmed(CONFIRMED_AT), new OrderShipped(TRACKING_NUMBER, SHIPPED_AT))
                    .state();

            assertThat(order).isEqualTo(new Order(OrderFixtures.ORDER_ID, OrderStatus.SHIPPED, CUSTOMER_ID, CURRENCY,
                    List.of(aLine("a", 2, eur("4.00")), aLine("c", 3, eur("1.00"))),
                    PLACED_AT, CONFIRMED_AT, null, null, SHIPPED_AT, TRACKING_NUMBER));
        }

        @Test
        void never_refuses_a_fact_about_a_line_it_does_not_know() {
            Order placed = anOrder().given(placedEvents(aLine("a"))).state();

            assertThat(aggregate.evolve(placed, new OrderLineRemoved("z"))).isEqualTo(placed);
            assertThat(aggregate.evolve(placed, new OrderLineQuantityChanged("z", 9))).isEqualTo(placed);
        }

        @Test
        void leaves_the_previous_state_untouched() {
            Order placed = anOrder().given(placedEvents(aLine("a"))).state();

            aggregate.evolve(placed, new OrderLineAdded(aLine("b")));

            assertThat(placed.lines()).containsExactly(aLine("a"));
        }
    }
}
