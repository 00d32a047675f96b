package io.clstr.adapters.javalin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.ports.in.order.NewOrderLine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Money must cross the wire exactly: as plain decimal strings, in both directions (seeded random samples). */
class MoneyJsonPropertiesTest {

    private static final int SAMPLES = 1000;

    private final ObjectMapper mapper = HttpJson.newObjectMapper();
    private final Random random = new Random(2026);

    @Test
    void any_decimal_is_written_as_a_plain_string_of_the_same_value() throws Exception {
        for (int i = 0; i < SAMPLES; i++) {
            BigDecimal amount = new BigDecimal(new BigInteger(1 + random.nextInt(80), random)
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)), random.nextInt(41) - 20);

            JsonNode written = mapper.readTree(mapper.writeValueAsString(new Amount(amount))).path("amount");

            assertThat(written.isTextual()).as("%s", amount).isTrue();
            assertThat(written.asText()).isEqualTo(amount.toPlainString());
            assertThat(new BigDecimal(written.asText())).isEqualByComparingTo(amount);
        }
    }

    @Test
    void a_price_with_at_most_two_decimals_is_accepted_exactly() throws Exception {
        for (int i = 0; i < SAMPLES; i++) {
            long integerPart = Math.floorMod(random.nextLong(), 1_000_000_000_000_000L);
            BigDecimal price = BigDecimal.valueOf(integerPart).movePointLeft(random.nextInt(3));
            String body = "{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"" + price.toPlainString() + "\"}";

            NewOrderLine line = mapper.readValue(body, Requests.OrderLine.class).validated();

            assertThat(line.unitPrice()).isEqualTo(price);
        }
    }

    @Test
    void a_price_with_more_than_two_decimals_is_refused() throws Exception {
        for (int i = 0; i < SAMPLES; i++) {
            String price = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 3 + random.nextInt(8)).toPlainString();
            Requests.OrderLine line = mapper.readValue("{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"" + price + "\"}",
                    Requests.OrderLine.class);

            assertThatThrownBy(line::validated).as(price).isInstanceOfSatisfying(ProblemException.class, failure ->
                    assertThat(failure.problem().errors()).containsExactly(
                            new Problem.FieldError("unitPrice", "must have at most 2 decimal places")));
        }
    }

    record Amount(BigDecimal amount) {
    }
}
