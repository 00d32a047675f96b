package io.clstr.domain.kernel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A business refusal: a stable, machine-readable code (such as {@code EMPTY_ORDER}), a message for people, and
 * its kind, which tells adapters how to answer it without knowing the codes. Codes are part of the API: clients
 * match on them, so they never change meaning.
 */
public record Rejection(String code, String message, Kind kind) {

    /** What the refusal means to a caller. */
    public enum Kind {
        /** The command conflicts with the aggregate's state (HTTP answers 409). */
        CONFLICT,
        /** The aggregate the command addresses does not exist (HTTP answers 404). */
        NOT_FOUND
    }

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("rejection code must be UPPER_SNAKE_CASE, got '" + code + "'");
        }
    }

    /** A refusal because of the aggregate's state. */
    public Rejection(String code, String message) {
        this(code, message, Kind.CONFLICT);
    }

    /** A refusal because the addressed aggregate does not exist. */
    public static Rejection notFound(String code, String message) {
        return new Rejection(code, message, Kind.NOT_FOUND);
    }
}
