package io.clstr.adapters.javalin.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.javalin.internal.FieldErrors;
import io.clstr.adapters.javalin.internal.HttpJson;
import io.clstr.adapters.javalin.internal.Problem;
import io.clstr.adapters.javalin.internal.ProblemException;
import io.clstr.domain.order.Money;
import io.clstr.ports.in.order.NewOrderLine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Money must cross the wire exactly: as plain decimal strings, in both directions, and the HTTP checks must take
 * exactly the prices {@link Money} takes (seeded random samples).
 */
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

            NewOrderLine line = mapper.readValue(body, OrderRequests.OrderLine.class).validated();

            assertThat(line.unitPrice()).isEqualTo(price);
        }
    }

    /** Both read the currency's decimals from {@link Money#decimals}; trailing zeros count for neither. */
    @Test
    void the_http_checks_and_money_agree_on_every_currency_and_scale() {
        int currencies = 0;
        for (Currency currency : Currency.getAvailableCurrencies()) {
            String code = currency.getCurrencyCode();
            boolean httpTakesIt = OrderRequests.currency(new FieldErrors(), "currency", code) != null;
            assertThat(httpTakesIt).as(code).isEqualTo(succeeds(() -> Money.zero(code)));
            if (!httpTakesIt) {
                continue;
            }
            currencies++;
            for (int i = 0; i < 50; i++) {
                BigDecimal price = BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(6));
                String written = price.toPlainString() + (random.nextBoolean() ? "" : "0");
                FieldErrors errors = new FieldErrors();

                boolean httpAccepts = OrderRequests.price(errors, "unitPrice", written, code) != null;

                assertThat(httpAccepts).as("%s %s", written, code)
                        .isEqualTo(succeeds(() -> new Money(new BigDecimal(written), code)));
            }
        }
        assertThat(currencies).as("currencies money can be held in").isGreaterThan(100);
    }

    @Test
    void currencies_without_a_fixed_number_of_decimals_are_refused() {
        for (String code : new String[] {"XXX", "XAU", "XAG", "XDR"}) {
            FieldErrors errors = new FieldErrors();
            OrderRequests.currency(errors, "currency", code);

            assertThatThrownBy(errors::throwIfAny).as(code).isInstanceOfSatisfying(ProblemException.class,
                    failure -> assertThat(failure.problem().errors()).containsExactly(new Problem.FieldError("currency",
                            "must be an ISO 4217 currency code with a fixed number of decimals, such as EUR")));
        }
    }

    private static boolean succeeds(Runnable construction) {
        try {
            construction.run();
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    record Amount(BigDecimal amount) {
    }
}
