package io.clstr.domain.order;

import static io.clstr.domain.order.OrderFixtures.CURRENCY;
import static io.clstr.domain.order.OrderFixtures.ORDER_ID;
import static io.clstr.domain.order.OrderFixtures.aLine;
import static io.clstr.domain.order.OrderFixtures.anOrder;
import static io.clstr.domain.order.OrderFixtures.eur;
import static io.clstr.domain.order.OrderFixtures.placedEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.order.OrderEvent.OrderLineRemoved;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    @Test
    void a_new_order_is_not_placed_and_knows_nothing_but_its_id() {
        Order order = new OrderAggregate().initialState(ORDER_ID);

        assertThat(order.isPlaced()).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(order.lines()).isEmpty();
        assertThat(order).isEqualTo(new Order(ORDER_ID, OrderStatus.NEW, null, null, List.of(),
                null, null, null, null, null, null));
    }

    @Test
    void a_new_order_has_no_total_because_it_has_no_currency() {
        Order order = new OrderAggregate().initialState(ORDER_ID);

        assertThatThrownBy(order::total)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not been placed");
    }

    @Test
    void totals_its_lines_in_its_currency() {
        Order order = anOrder()
                .given(placedEvents(
                        aLine("a", 2, eur("9.99")), aLine("b", 1, eur("0.02")), aLine("c", 10_000, eur("0.01"))))
                .state();

        assertThat(order.total()).isEqualTo(eur("120.00"));
    }

    @Test
    void totals_zero_when_every_line_was_removed() {
        Order order = anOrder().given(placedEvents(aLine("a"))).given(new OrderLineRemoved("a")).state();

        assertThat(order.total()).isEqualTo(Money.zero(CURRENCY));
    }

    @Test
    void finds_a_line_by_its_id() {
        Order order = anOrder().given(placedEvents(aLine("a"), aLine("b"))).state();

        assertThat(order.line("b")).contains(aLine("b"));
        assertThat(order.line("z")).isEmpty();
    }

    @Test
    void keeps_its_own_unmodifiable_copy_of_the_lines() {
        List<OrderLine> lines = new ArrayList<>(List.of(aLine("a")));
        Order order = new Order(ORDER_ID, OrderStatus.PLACED, "c", CURRENCY, lines, null, null, null, null, null, null);

        lines.add(aLine("b"));

        assertThat(order.lines()).containsExactly(aLine("a"));
        assertThatThrownBy(() -> order.lines().add(aLine("c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_a_missing_id_status_or_line_list() {
        assertThatThrownBy(() -> new Order(null, OrderStatus.NEW, null, null, List.of(),
                null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new Order(ORDER_ID, null, null, null, List.of(), null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("status");
        assertThatThrownBy(() -> new Order(ORDER_ID, OrderStatus.NEW, null, null, null,
                null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("lines");
    }
}
