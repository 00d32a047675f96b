package io.clstr.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Nested
    class Normalisation {

        @ParameterizedTest
        @CsvSource({
            "1.5,     EUR, 1.50",
            "1.500,   EUR, 1.50",
            "7,       EUR, 7.00",
            "1E+3,    EUR, 1000.00",
            "-0.00,   EUR, 0.00",
            "1200,    JPY, 1200",
            "1200.00, JPY, 1200",
            "0.1,     BHD, 0.100",
            "2.5,     CLF, 2.5000"
        })
        void holds_the_amount_at_exactly_the_currency_decimals(String input, String currency, String expected) {
            Money money = new Money(new BigDecimal(input), currency);

            assertThat(money.amount()).isEqualByComparingTo(expected);
            assertThat(money.amount().toPlainString()).isEqualTo(expected);
        }

        @Test
        void equal_amounts_are_equal_whatever_their_input_scale() {
            assertThat(Money.of("1.5", "EUR")).isEqualTo(Money.of("1.500", "EUR")).isEqualTo(Money.of("1.50", "EUR"));
            assertThat(Money.of("1.5", "EUR")).hasSameHashCodeAs(Money.of("1.500", "EUR"));
        }

        @ParameterizedTest
        @CsvSource({"1.234, EUR", "1.001, EUR", "0.5, JPY", "0.0001, BHD"})
        void rejects_more_decimals_than_the_currency_has_instead_of_rounding(String input, String currency) {
            assertThatThrownBy(() -> Money.of(input, currency))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(currency)
                    .hasMessageContaining(input);
        }

        @Test
        void rejects_a_tiny_amount_in_exponent_notation_without_expanding_it() {
            assertThatThrownBy(() -> Money.of("1E-999999999", "EUR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 2 decimals");
        }

        @Test
        void rejects_a_huge_exponent_without_expanding_it() {
            assertThatThrownBy(() -> Money.of("1E+999999999", "EUR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exponent");
            assertThat(Money.of("1E+" + Money.MAX_EXPONENT, "EUR").amount())
                    .isEqualByComparingTo(BigDecimal.TEN.pow(Money.MAX_EXPONENT));
        }

        @Test
        void rejects_a_negative_amount() {
            assertThatThrownBy(() -> Money.of("-0.01", "EUR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }

        @Test
        void rejects_text_that_is_not_a_number() {
            assertThatThrownBy(() -> Money.of("twelve", "EUR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'twelve' is not a decimal number");
        }

        @Test
        void rejects_missing_values() {
            assertThatThrownBy(() -> new Money(null, "EUR")).isInstanceOf(NullPointerException.class)
                    .hasMessage("amount");
            assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("currency");
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest
        @ValueSource(strings = {"eur", "Eur", "EU", "EURO", "", " EUR", "€", "E1R"})
        void rejects_codes_that_are_not_three_upper_case_letters(String code) {
            assertThatThrownBy(() -> Money.zero(code))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("three upper-case letters");
        }

        @Test
        void rejects_a_well_formed_code_that_is_no_currency() {
            assertThatThrownBy(() -> Money.zero("QQQ"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'QQQ' is not an ISO 4217 code");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XAU", "XXX", "XDR"})
        void rejects_a_currency_without_a_fixed_number_of_decimals(String code) {
            assertThatThrownBy(() -> Money.zero(code))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no fixed number of decimals");
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void adds_amounts_of_one_currency() {
            assertThat(Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
        }

        @Test
        void refuses_to_add_another_currency() {
            assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot add USD to EUR");
        }

        @Test
        void multiplies_by_a_count_exactly() {
            assertThat(Money.of("19.99", "EUR").times(3)).isEqualTo(Money.of("59.97", "EUR"));
            assertThat(Money.of("0.01", "EUR").times(Long.MAX_VALUE).amount())
                    .isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(2));
        }

        @Test
        void multiplying_by_zero_gives_zero_in_the_same_currency() {
            Money nothing = Money.of("19.99", "EUR").times(0);

            assertThat(nothing).isEqualTo(Money.zero("EUR"));
            assertThat(nothing.isZero()).isTrue();
        }

        @Test
        void refuses_a_negative_factor() {
            assertThatThrownBy(() -> Money.of("1", "EUR").times(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
        }

        @Test
        void zero_is_zero_at_the_currency_scale() {
            assertThat(Money.zero("JPY").amount().scale()).isZero();
            assertThat(Money.zero("EUR").amount().scale()).isEqualTo(2);
            assertThat(Money.zero("EUR").isZero()).isTrue();
            assertThat(Money.of("0.01", "EUR").isZero()).isFalse();
        }
    }

    @Test
    void reads_as_amount_and_currency() {
        assertThat(Money.of("12.5", "EUR")).hasToString("12.50 EUR");
        assertThat(Money.of("1E+3", "JPY")).hasToString("1000 JPY");
    }
}
