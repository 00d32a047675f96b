package io.clstr.adapters.javalin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.ports.in.order.NewOrderLine;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Money must cross the wire exactly: as plain decimal strings, in both directions. */
class MoneyJsonPropertiesTest {

    private final ObjectMapper mapper = HttpJson.newObjectMapper();

    @Property
    void any_decimal_is_written_as_a_plain_string_of_the_same_value(@ForAll BigInteger unscaled,
            @ForAll @IntRange(min = -20, max = 20) int scale) throws Exception {
        BigDecimal amount = new BigDecimal(unscaled, scale);

        JsonNode written = mapper.readTree(mapper.writeValueAsString(new Amount(amount))).path("amount");

        assertThat(written.isTextual()).isTrue();
        assertThat(written.asText()).isEqualTo(amount.toPlainString());
        assertThat(new BigDecimal(written.asText())).isEqualByComparingTo(amount);
    }

    @Property
    void a_price_with_at_most_two_decimals_is_accepted_exactly(@ForAll @LongRange(min = 0, max = 999_999_999_999_999L)
            long integerPart, @ForAll @IntRange(min = 0, max = 2) int scale) throws Exception {
        BigDecimal price = BigDecimal.valueOf(integerPart).movePointLeft(scale);

        String body = "{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"" + price.toPlainString() + "\"}";

        NewOrderLine line = mapper.readValue(body, Requests.OrderLine.class).validated();

        assertThat(line.unitPrice()).isEqualTo(price);
    }

    @Property
    void a_price_with_more_than_two_decimals_is_refused(@ForAll @LongRange(min = 1, max = 1_000_000) long unscaled,
            @ForAll @IntRange(min = 3, max = 10) int scale) throws Exception {
        String price = BigDecimal.valueOf(unscaled, scale).toPlainString();
        Requests.OrderLine line = mapper.readValue("{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"" + price + "\"}",
                Requests.OrderLine.class);

        assertThatThrownBy(line::validated).isInstanceOfSatisfying(ProblemException.class, failure ->
                assertThat(failure.problem().errors()).containsExactly(
                        new Problem.FieldError("unitPrice", "must have at most 2 decimal places")));
    }

    record Amount(BigDecimal amount) {
    }
}
