package io.clstr.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clstr.domain.kernel.testing.SealedFamilies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every member of the order's sealed families is handled, in every status: adding a command or event
 * without a sample, or without a branch in {@code decide} or {@code evolve}, fails here.
 */
class OrderFamiliesTest {

    private final OrderAggregate aggregate = new OrderAggregate();

    @Test
    void the_samples_cover_every_command_and_event_type() {
        SealedFamilies.assertSamplesCoverEveryLeaf(OrderCommand.class, OrderFixtures.oneOfEachCommand());
        SealedFamilies.assertSamplesCoverEveryLeaf(OrderEvent.class, OrderFixtures.oneOfEachEvent());
    }

    @Test
    void decides_every_command_type_in_every_status() {
        for (Order order : oneOrderInEachStatus()) {
            for (OrderCommand command : OrderFixtures.oneOfEachCommand()) {
                assertThatCode(() -> assertThat(aggregate.decide(command, order)).isNotNull())
                        .as("deciding %s on a %s order", command, order.status())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void evolves_every_event_type_in_every_status() {
        for (Order order : oneOrderInEachStatus()) {
            for (OrderEvent event : OrderFixtures.oneOfEachEvent()) {
                assertThatCode(() -> assertThat(aggregate.evolve(order, event)).isNotNull())
                        .as("applying %s to a %s order", event, order.status())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void declares_its_families() {
        assertThat(aggregate.commandType()).isEqualTo(OrderCommand.class);
        assertThat(aggregate.eventType()).isEqualTo(OrderEvent.class);
        assertThat(aggregate.stateType()).isEqualTo(Order.class);
    }

    private static List<Order> oneOrderInEachStatus() {
        List<Order> orders = new ArrayList<>();
        orders.add(OrderFixtures.anOrder().state());
        orders.add(OrderFixtures.anOrder().given(OrderFixtures.placedEvents()).state());
        orders.add(OrderFixtures.anOrder().given(OrderFixtures.confirmedEvents()).state());
        orders.add(OrderFixtures.anOrder().given(OrderFixtures.cancelledEvents()).state());
        orders.add(OrderFixtures.anOrder().given(OrderFixtures.shippedEvents()).state());
        assertThat(orders).extracting(Order::status).containsExactly(OrderStatus.values());
        return orders;
    }
}
