package io.clstr.adapters.javalin.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Collects every invalid field of a request, so one 400 response lists them all. Each check returns the
 * (possibly converted) value, or {@code null} after recording why it is invalid.
 */
public final class FieldErrors {

    /** Ids and short names: customer, SKU, line, path ids, tracking numbers. */
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_TEXT_LENGTH = 500;
    public static final int MAX_PRICE_SCALE = 2;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int MAX_DECIMAL_LENGTH = 24;
    private static final int MAX_PRICE_INTEGER_DIGITS = 15;
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private List<Problem.FieldError> errors;

    public void add(String field, String message) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(new Problem.FieldError(field, message));
    }

    /** Ends the request with 400 {@code VALIDATION_FAILED} if any check failed. */
    public void throwIfAny() {
        if (errors != null) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }

    /** Present, not blank, at most {@code maxLength} characters, no control characters. */
    public String text(String field, String value, int maxLength) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (value.isBlank()) {
            add(field, "must not be blank");
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "must have at most " + maxLength + " characters");
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            add(field, "must not contain control characters");
            return null;
        }
        return value;
    }

    public String id(String field, String value) {
        return text(field, value, MAX_ID_LENGTH);
    }

    /** An optional id: absent is fine, present must be valid. */
    public String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    public String currency(String field, String value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (!CURRENCY_CODE.matcher(value).matches() || !CURRENCIES.contains(value)) {
            add(field, "must be an ISO 4217 currency code such as EUR");
            return null;
        }
        return value;
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, "is required");
        }
        return value;
    }

    public Integer positive(String field, Integer value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (value <= 0) {
            add(field, "must be positive");
            return null;
        }
        return value;
    }

    public Long positive(String field, Long value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (value <= 0) {
            add(field, "must be positive");
            return null;
        }
        return value;
    }

    /** A price: a decimal string ({@code "9.99"}), not negative, with at most two decimal places. */
    public BigDecimal price(String field, String value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (value.length() > MAX_DECIMAL_LENGTH || !PLAIN_DECIMAL.matcher(value).matches()) {
            add(field, "must be a decimal string such as \"9.99\"");
            return null;
        }
        BigDecimal price = new BigDecimal(value);
        if (price.signum() < 0 || value.startsWith("-")) {
            add(field, "must not be negative");
            return null;
        }
        if (price.scale() > MAX_PRICE_SCALE) {
            add(field, "must have at most " + MAX_PRICE_SCALE + " decimal places");
            return null;
        }
        if (price.precision() - price.scale() > MAX_PRICE_INTEGER_DIGITS) {
            add(field, "must have at most " + MAX_PRICE_INTEGER_DIGITS + " digits before the decimal point");
            return null;
        }
        return price;
    }
}
