package io.clstr.adapters.javalin.internal;

import io.clstr.domain.kernel.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

    /**
     * Runs {@code checks} on a fresh collection and answers their (converted) result, or ends the request with every
     * invalid field: a request document's {@code validated()} in one line.
     */
    public static <T> T validate(Function<FieldErrors, T> checks) {
        FieldErrors errors = new FieldErrors();
        T valid = checks.apply(errors);
        errors.throwIfAny();
        return valid;
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
}
