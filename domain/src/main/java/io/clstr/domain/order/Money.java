package io.clstr.domain.order;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in one currency. No floating point: the amount is a {@link BigDecimal} held at
 * exactly the currency's number of decimals (2 for EUR, 0 for JPY, 3 for BHD), so equal amounts are
 * equal records whatever their input scale ({@code 1.5} and {@code 1.500} EUR are both {@code 1.50}).
 * Money is never negative, and is never rounded: an input with more decimals than the currency allows is
 * refused rather than silently changed.
 *
 * @param amount   zero or more, at most the currency's decimals
 * @param currency an ISO 4217 code with a fixed number of decimals, such as {@code EUR}
 */
public record Money(BigDecimal amount, String currency) {

    /**
     * The largest power of ten an amount may be written with. Exponent notation names huge numbers in a
     * few characters ({@code 1E+999999999}); normalising one would materialise every digit, so such input
     * is refused up front. Plain digits are unaffected: they already cost what they cost to read.
     */
    static final int MAX_EXPONENT = 100;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        int decimals = decimals(currency);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, got " + amount);
        }
        if (amount.scale() < -MAX_EXPONENT) {
            throw new IllegalArgumentException(
                    "amount " + amount + " is written with an exponent above " + MAX_EXPONENT);
        }
        if (amount.scale() > decimals) {
            // Trailing zeros are harmless (1.500 EUR); any other extra decimal would need rounding.
            BigDecimal stripped = amount.stripTrailingZeros();
            if (stripped.scale() > decimals) {
                throw new IllegalArgumentException(
                        currency + " amounts have at most " + decimals + " decimals, got " + amount);
            }
            amount = stripped;
        }
        amount = amount.setScale(decimals);
    }

    /** Parses {@code amount} (such as {@code "12.50"}), which must be a plain decimal number. */
    public static Money of(String amount, String currency) {
        Objects.requireNonNull(amount, "amount");
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(amount);
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("amount '" + amount + "' is not a decimal number", malformed);
        }
        return new Money(parsed, currency);
    }

    /** Nothing, in {@code currency}. */
    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** The sum of this and {@code other}, which must be in the same currency. */
    public Money plus(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }

    /** This amount {@code factor} times; the factor must not be negative. */
    public Money times(long factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("factor must not be negative, got " + factor);
        }
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** For people and logs of tests: {@code 12.50 EUR}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    /**
     * {@code code} if it is a currency money can be held in: an ISO 4217 code known to
     * {@link java.util.Currency} with a fixed number of decimals (so not {@code XAU} or {@code XXX}).
     */
    static String requireCurrency(String code) {
        decimals(code);
        return code;
    }

    /**
     * How many decimals amounts in this currency have: 2 for EUR, 0 for JPY, 3 for BHD. The one rule for the
     * scale of money, which the HTTP layer checks input against too.
     *
     * @throws IllegalArgumentException if money cannot be held in {@code code}: not an ISO 4217 code known to
     *     {@link java.util.Currency}, or one without a fixed number of decimals ({@code XAU}, {@code XXX})
     */
    public static int decimals(String code) {
        Objects.requireNonNull(code, "currency");
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "currency must be three upper-case letters (ISO 4217), got '" + code + "'");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("currency '" + code + "' is not an ISO 4217 code", unknown);
        }
        int decimals = currency.getDefaultFractionDigits();
        if (decimals < 0) {
            throw new IllegalArgumentException("currency " + code + " has no fixed number of decimals");
        }
        return decimals;
    }
}
