package io.clstr.domain.order;

import static io.clstr.domain.order.OrderFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderLineTest {

    @Test
    void totals_the_unit_price_times_the_quantity() {
        assertThat(new OrderLine("l1", "sku-1", 3, eur("2.35")).total()).isEqualTo(eur("7.05"));
    }

    @Test
    void changes_only_the_quantity() {
        OrderLine line = new OrderLine("l1", "sku-1", 3, eur("2.35"));

        assertThat(line.withQuantity(5)).isEqualTo(new OrderLine("l1", "sku-1", 5, eur("2.35")));
    }

    @Test
    void may_leave_the_line_id_to_the_order_but_not_blank() {
        assertThat(new OrderLine(null, "sku", 1, eur("1")).withLineId("line-1"))
                .isEqualTo(new OrderLine("line-1", "sku", 1, eur("1")));
        assertThatThrownBy(() -> new OrderLine(" ", "sku", 1, eur("1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineId must not be blank");
    }

    @Test
    void rejects_a_missing_or_blank_sku() {
        assertThatThrownBy(() -> new OrderLine("l1", null, 1, eur("1"))).isInstanceOf(NullPointerException.class)
                .hasMessage("sku");
        assertThatThrownBy(() -> new OrderLine("l1", "", 1, eur("1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sku must not be blank");
    }

    @Test
    void rejects_a_missing_unit_price() {
        assertThatThrownBy(() -> new OrderLine("l1", "sku", 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("unitPrice");
    }

    @Test
    void leaves_the_quantity_to_the_business_rules() {
        assertThat(new OrderLine("l1", "sku", 0, eur("1")).quantity()).isZero();
        assertThat(new OrderLine("l1", "sku", -4, eur("1")).quantity()).isEqualTo(-4);
    }
}
