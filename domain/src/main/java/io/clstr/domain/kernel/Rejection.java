package io.clstr.domain.kernel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A business refusal: a stable, machine-readable code (such as {@code EMPTY_ORDER}) and a message
 * for people. Codes are part of the API: clients match on them, so they never change meaning.
 */
public record Rejection(String code, String message) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("rejection code must be UPPER_SNAKE_CASE, got '" + code + "'");
        }
    }
}
