package io.clstr.domain.order;

import static io.clstr.domain.order.OrderFixtures.CUSTOMER_ID;
import static io.clstr.domain.order.OrderFixtures.PLACED_AT;
import static io.clstr.domain.order.OrderFixtures.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.order.OrderCommand.AddLine;
import io.clstr.domain.order.OrderCommand.CancelOrder;
import io.clstr.domain.order.OrderCommand.ChangeQuantity;
import io.clstr.domain.order.OrderCommand.ConfirmOrder;
import io.clstr.domain.order.OrderCommand.PlaceOrder;
import io.clstr.domain.order.OrderCommand.RemoveLine;
import io.clstr.domain.order.OrderCommand.ShipOrder;
import io.clstr.domain.order.OrderEvent.OrderCancelled;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Commands and events refuse malformed values when they are built; business rules are not their job. */
class OrderMessagesTest {

    @Nested
    class Commands {

        @Test
        void place_order_keeps_its_own_unmodifiable_copy_of_the_lines() {
            List<OrderLine> lines = new ArrayList<>(List.of(aLine("a")));
            PlaceOrder place = new PlaceOrder(CUSTOMER_ID, "EUR", lines, PLACED_AT);

            lines.clear();

            assertThat(place.lines()).containsExactly(aLine("a"));
            assertThatThrownBy(() -> place.lines().add(aLine("b"))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void place_order_may_have_no_lines_so_that_the_rule_can_refuse_it() {
            assertThat(new PlaceOrder(CUSTOMER_ID, "EUR", List.of(), PLACED_AT).lines()).isEmpty();
        }

        @Test
        void place_order_rejects_malformed_values() {
            assertThatThrownBy(() -> new PlaceOrder(null, "EUR", List.of(), PLACED_AT))
                    .isInstanceOf(NullPointerException.class).hasMessage("customerId");
            assertThatThrownBy(() -> new PlaceOrder("  ", "EUR", List.of(), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("customerId must not be blank");
            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, "euro", List.of(), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'euro'");
            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, null, List.of(), PLACED_AT))
                    .isInstanceOf(NullPointerException.class).hasMessage("currency");
            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, "EUR", null, PLACED_AT))
                    .isInstanceOf(NullPointerException.class).hasMessage("lines");
            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, "EUR", List.of(aLine("a")), null))
                    .isInstanceOf(NullPointerException.class).hasMessage("placedAt");
        }

        @Test
        void place_order_says_which_line_is_missing() {
            List<OrderLine> lines = Arrays.asList(aLine("a"), null);

            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, "EUR", lines, PLACED_AT))
                    .isInstanceOf(NullPointerException.class).hasMessage("lines[1]");
        }

        @Test
        void line_commands_reject_a_missing_line_or_line_id() {
            assertThatThrownBy(() -> new AddLine(null)).isInstanceOf(NullPointerException.class).hasMessage("line");
            assertThatThrownBy(() -> new RemoveLine("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lineId must not be blank");
            assertThatThrownBy(() -> new ChangeQuantity(null, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessage("lineId");
        }

        @Test
        void change_quantity_leaves_the_quantity_to_the_business_rules() {
            assertThat(new ChangeQuantity("a", -1).quantity()).isEqualTo(-1);
        }

        @Test
        void lifecycle_commands_need_their_time() {
            assertThatThrownBy(() -> new ConfirmOrder(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("confirmedAt");
            assertThatThrownBy(() -> new CancelOrder("reason", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("cancelledAt");
            assertThatThrownBy(() -> new ShipOrder("T-1", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("shippedAt");
        }

        @Test
        void cancel_order_leaves_a_missing_reason_to_the_business_rules() {
            assertThat(new CancelOrder(null, Instant.EPOCH).reason()).isNull();
            assertThat(new CancelOrder(" ", Instant.EPOCH).reason()).isEqualTo(" ");
        }

        @Test
        void ids_in_commands_hold_only_characters_that_show() {
            String hidden = "a\u202Eb";
            String refusal = "must not contain invisible, control or format characters (found U+202E)";

            assertThatThrownBy(() -> new PlaceOrder(hidden, "EUR", List.of(), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("customerId " + refusal);
            assertThatThrownBy(() -> new PlaceOrder(CUSTOMER_ID, "EUR", List.of(aLine(hidden)), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("lines[0].lineId " + refusal);
            assertThatThrownBy(() -> new AddLine(new OrderLine("a", hidden, 1, OrderFixtures.eur("1"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("line.sku " + refusal);
            assertThatThrownBy(() -> new RemoveLine(hidden)).hasMessage("lineId " + refusal);
            assertThatThrownBy(() -> new ChangeQuantity(hidden, 1)).hasMessage("lineId " + refusal);
            assertThatThrownBy(() -> new ShipOrder(hidden, Instant.EPOCH)).hasMessage("trackingNumber " + refusal);
        }

        @Test
        void ship_order_needs_a_tracking_number() {
            assertThatThrownBy(() -> new ShipOrder(" ", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("trackingNumber must not be blank");
        }
    }

    @Nested
    class Events {

        @Test
        void order_placed_keeps_its_own_unmodifiable_copy_of_the_lines() {
            List<OrderLine> lines = new ArrayList<>(List.of(aLine("a")));
            OrderPlaced placed = new OrderPlaced(CUSTOMER_ID, "EUR", lines, PLACED_AT);

            lines.add(aLine("b"));

            assertThat(placed.lines()).containsExactly(aLine("a"));
        }

        @Test
        void order_placed_rejects_values_no_order_could_have_recorded() {
            assertThatThrownBy(() -> new OrderPlaced("", "EUR", List.of(), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new OrderPlaced(CUSTOMER_ID, "XYZ", List.of(), PLACED_AT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new OrderPlaced(CUSTOMER_ID, "EUR", List.of(), null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void recorded_lines_always_have_an_id() {
            OrderLine unnumbered = aLine(null, 1, OrderFixtures.eur("1"));

            assertThatThrownBy(() -> new OrderPlaced(CUSTOMER_ID, "EUR", List.of(unnumbered), PLACED_AT))
                    .isInstanceOf(NullPointerException.class).hasMessage("lines[0].lineId");
            assertThatThrownBy(() -> new OrderEvent.OrderLineAdded(unnumbered))
                    .isInstanceOf(NullPointerException.class).hasMessage("line.lineId");
        }

        @Test
        void order_cancelled_always_has_a_reason() {
            assertThatThrownBy(() -> new OrderCancelled(null, Instant.EPOCH)).isInstanceOf(NullPointerException.class)
                    .hasMessage("reason");
            assertThatThrownBy(() -> new OrderCancelled(" ", Instant.EPOCH))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("reason must not be blank");
        }

        @Test
        void order_shipped_always_has_a_tracking_number() {
            assertThatThrownBy(() -> new OrderShipped("", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("trackingNumber must not be blank");
        }
    }
}
