package io.clstr.domain.kernel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable name of a kind of aggregate, such as {@code order}.
 *
 * <p>The name becomes part of stream names, subjects and metric labels, so it is restricted to
 * lower-case letters, digits and dashes, starting with a letter.
 */
public record AggregateType(String name) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public AggregateType {
        Objects.requireNonNull(name, "name");
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "aggregate type must match [a-z][a-z0-9-]{0,63}, got '" + name + "'");
        }
    }

    public static AggregateType of(String name) {
        return new AggregateType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
