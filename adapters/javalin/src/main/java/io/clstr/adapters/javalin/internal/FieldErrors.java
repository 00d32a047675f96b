package io.clstr.adapters.javalin.internal;

import io.clstr.domain.kernel.Ids;
import io.clstr.domain.order.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of a request, so one 400 response lists them all, or the first
 * {@value #MAX_REPORTED} and how many more: a request never costs more to answer than it cost to send. Each
 * check returns the (possibly converted) value, or {@code null} after recording why it is invalid.
 */
public final class FieldErrors {

    /** Ids and short names: customer, SKU, line, path ids, tracking numbers. */
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_TEXT_LENGTH = 500;
    /** Field errors listed in one problem; the rest are only counted. */
    public static final int MAX_REPORTED = 20;

    private List<Problem.FieldError> errors;
    private int count;

    public void add(String field, String message) {
        count++;
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        if (errors.size() < MAX_REPORTED) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    /** Ends the request with 400 {@code VALIDATION_FAILED} if any check failed. */
    public void throwIfAny() {
        if (count > 0) {
            throw new ProblemException(Problem.invalid(errors, count));
        }
    }

    /** Free text such as a reason: present, not blank, at most {@code maxLength} characters, no control characters. */
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

    /** An id: present, at most {@value #MAX_ID_LENGTH} characters, and only what {@link Ids} allows. */
    public String id(String field, String value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            add(field, "must have at most " + MAX_ID_LENGTH + " characters");
            return null;
        }
        String problem = Ids.problemWith(value);
        if (problem != null) {
            add(field, problem);
            return null;
        }
        return value;
    }

    /** An optional id: absent is fine, present must be valid. */
    public String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
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

    /** A positive value no larger than {@code max}, or {@code null} after recording why not. */
    public Integer positiveAtMost(String field, Integer value, int max) {
        Integer positive = positive(field, value);
        if (positive != null && positive > max) {
            add(field, "must be at most " + max);
            return null;
        }
        return positive;
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

    // region sample: tools/MakeItYours.java --without-samples deletes the checks of the order sample's money.
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int MAX_DECIMAL_LENGTH = 24;
    private static final int MAX_PRICE_INTEGER_DIGITS = 15;

    /** A currency money can be held in ({@link Money#decimals}): an ISO 4217 code with a fixed number of decimals. */
    public String currency(String field, String value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        try {
            Money.decimals(value);
            return value;
        } catch (IllegalArgumentException unusable) {
            add(field, "must be an ISO 4217 currency code with a fixed number of decimals, such as EUR");
            return null;
        }
    }

    /**
     * A price: a decimal string ({@code "9.99"}), not negative, with at most as many decimal places as the
     * currency has ({@link Money#decimals}: 2 for EUR, 0 for JPY, 3 for BHD; trailing zeros do not count, as in
     * {@link Money}). With a {@code null} currency (unknown here, or invalid) the places are not checked.
     */
    public BigDecimal price(String field, String value, String currency) {
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
        if (price.precision() - price.scale() > MAX_PRICE_INTEGER_DIGITS) {
            add(field, "must have at most " + MAX_PRICE_INTEGER_DIGITS + " digits before the decimal point");
            return null;
        }
        if (currency != null) {
            int decimals = Money.decimals(currency);
            if (price.stripTrailingZeros().scale() > decimals) {
                add(field, "must have at most " + decimals + " decimal places in " + currency);
                return null;
            }
        }
        return price;
    }
    // endregion sample
}
