package io.clstr.domain.order;

import static io.clstr.domain.order.OrderFixtures.CANCELLATION_REASON;
import static io.clstr.domain.order.OrderFixtures.CANCELLED_AT;
import static io.clstr.domain.order.OrderFixtures.CONFIRMED_AT;
import static io.clstr.domain.order.OrderFixtures.ORDER_ID;
import static io.clstr.domain.order.OrderFixtures.SHIPPED_AT;
import static io.clstr.domain.order.OrderFixtures.TRACKING_NUMBER;
import static io.clstr.domain.order.OrderFixtures.aLine;
import static io.clstr.domain.order.OrderFixtures.eur;
import static io.clstr.domain.order.OrderFixtures.lines;
import static io.clstr.domain.order.OrderFixtures.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.Decision;
import io.clstr.domain.order.OrderCommand.AddLine;
import io.clstr.domain.order.OrderCommand.CancelOrder;
import io.clstr.domain.order.OrderCommand.ChangeQuantity;
import io.clstr.domain.order.OrderCommand.ConfirmOrder;
import io.clstr.domain.order.OrderCommand.RemoveLine;
import io.clstr.domain.order.OrderCommand.ShipOrder;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Explores every order reachable with a small alphabet of commands (valid and invalid ones), breadth
 * first, and checks the invariants on each state and each transition. Unlike examples, this finds a
 * rule that only breaks after an unusual sequence (remove every line, cancel, then confirm...).
 */
class OrderStateSpaceTest {

    private static final Money USD = Money.of("1.00", "USD");

    private static final List<OrderCommand> ALPHABET = List.of(
            placeOrder(aLine("a")),
            placeOrder(aLine("a"), aLine("b", 1, eur("0.50"))),
            placeOrder(),
            placeOrder(lines(OrderAggregate.MAX_LINES + 1)),
            placeOrder(aLine("a"), aLine("a", 1, eur("1.00"))),
            placeOrder(aLine("a", 0, eur("1.00"))),
            placeOrder(aLine("a", 1, USD)),
            new AddLine(aLine("b", 1, eur("0.50"))),
            new AddLine(aLine("c", OrderAggregate.MAX_QUANTITY, eur("0.01"))),
            new AddLine(aLine("a", 3, eur("2.00"))),
            new AddLine(aLine("d", OrderAggregate.MAX_QUANTITY + 1, eur("1.00"))),
            new AddLine(aLine("d", 1, USD)),
            new RemoveLine("a"),
            new RemoveLine("b"),
            new ChangeQuantity("a", 2),
            new ChangeQuantity("a", 7),
            new ChangeQuantity("b", 0),
            new ConfirmOrder(CONFIRMED_AT),
            new CancelOrder(CANCELLATION_REASON, CANCELLED_AT),
            new CancelOrder(" ", CANCELLED_AT),
            new ShipOrder(TRACKING_NUMBER, SHIPPED_AT));

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED_MOVES = Map.of(
            OrderStatus.NEW, EnumSet.of(OrderStatus.PLACED),
            OrderStatus.PLACED, EnumSet.of(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
            OrderStatus.CONFIRMED, EnumSet.of(OrderStatus.CANCELLED, OrderStatus.SHIPPED),
            OrderStatus.CANCELLED, EnumSet.noneOf(OrderStatus.class),
            OrderStatus.SHIPPED, EnumSet.noneOf(OrderStatus.class));

    private static final OrderAggregate AGGREGATE = new OrderAggregate();
    private static final Set<Order> REACHED = new LinkedHashSet<>();
    private static final Set<String> CODES_SEEN = new HashSet<>();
    private static int transitions;

    @BeforeAll
    static void explore() {
        Order initial = AGGREGATE.initialState(ORDER_ID);
        Queue<Order> queue = new ArrayDeque<>(List.of(initial));
        REACHED.add(initial);
        while (!queue.isEmpty()) {
            Order order = queue.remove();
            for (OrderCommand command : ALPHABET) {
                Decision<OrderEvent> decision = AGGREGATE.decide(command, order);
                assertThat(AGGREGATE.decide(command, order)).as("decide is a function").isEqualTo(decision);
                if (decision instanceof Decision.Rejected<OrderEvent> rejected) {
                    CODES_SEEN.add(rejected.rejection().code());
                    assertThat(rejected.rejection().message()).isNotBlank();
                    continue;
                }
                List<OrderEvent> events = ((Decision.Accepted<OrderEvent>) decision).events();
                Order next = AGGREGATE.replay(order, events);
                transitions++;
                checkTransition(order, command, events, next);
                checkInvariants(next);
                if (REACHED.add(next)) {
                    queue.add(next);
                }
            }
        }
    }

    @Test
    void explores_a_state_space_worth_the_name() {
        assertThat(REACHED).hasSizeGreaterThan(50);
        assertThat(REACHED).extracting(Order::status).containsAll(EnumSet.allOf(OrderStatus.class));
        assertThat(transitions).isGreaterThan(200);
    }

    @Test
    void every_rejection_code_is_produced_by_some_command() {
        assertThat(CODES_SEEN).containsExactlyInAnyOrderElementsOf(OrderRejectionsTest.allCodes());
    }

    @Test
    void a_cancelled_or_shipped_order_accepts_nothing_more() {
        for (Order order : REACHED) {
            if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.SHIPPED) {
                for (OrderCommand command : ALPHABET) {
                    assertThat(AGGREGATE.decide(command, order)).as("%s on %s", command, order)
                            .isInstanceOf(Decision.Rejected.class);
                }
            }
        }
    }

    private static void checkTransition(Order before, OrderCommand command, List<OrderEvent> events, Order after) {
        String what = command + " on " + before;
        assertThat(ALLOWED_MOVES.get(before.status())).as(what).contains(after.status());
        if (events.isEmpty()) {
            assertThat(command).as(what).isInstanceOf(ChangeQuantity.class);
            assertThat(after).as(what).isEqualTo(before);
        } else {
            assertThat(events).as(what).hasSize(1);
            assertThat(after).as(what).isNotEqualTo(before);
        }
    }

    private static void checkInvariants(Order order) {
        String what = order.toString();
        boolean placed = order.isPlaced();
        assertThat(order.customerId() != null).as(what).isEqualTo(placed);
        assertThat(order.currency() != null).as(what).isEqualTo(placed);
        assertThat(order.placedAt() != null).as(what).isEqualTo(placed);

        assertThat(order.lines()).as(what).hasSizeLessThanOrEqualTo(OrderAggregate.MAX_LINES);
        assertThat(order.lines()).extracting(OrderLine::lineId).as(what).doesNotHaveDuplicates();
        for (OrderLine line : order.lines()) {
            assertThat(line.quantity()).as(what).isBetween(1, OrderAggregate.MAX_QUANTITY);
            assertThat(line.unitPrice().currency()).as(what).isEqualTo(order.currency());
        }
        if (placed) {
            assertThat(order.total().currency()).as(what).isEqualTo(order.currency());
        }

        OrderStatus status = order.status();
        boolean wasConfirmed = status == OrderStatus.CONFIRMED || status == OrderStatus.SHIPPED
                || order.confirmedAt() != null;
        if (wasConfirmed) {
            assertThat(order.confirmedAt()).as(what).isNotNull();
            assertThat(order.lines()).as("a confirmed order keeps its lines: " + what).isNotEmpty();
        }
        assertThat(order.shippedAt() != null).as(what).isEqualTo(status == OrderStatus.SHIPPED);
        assertThat(order.trackingNumber() != null).as(what).isEqualTo(status == OrderStatus.SHIPPED);
        assertThat(order.cancelledAt() != null).as(what).isEqualTo(status == OrderStatus.CANCELLED);
        assertThat(order.cancellationReason() != null && !order.cancellationReason().isBlank()).as(what)
                .isEqualTo(status == OrderStatus.CANCELLED);
    }
}
