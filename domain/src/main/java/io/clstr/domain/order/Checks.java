package io.clstr.domain.order;

import io.clstr.domain.kernel.Ids;
import java.util.List;
import java.util.Objects;

/** Structural argument checks shared by the order's records, with messages that name the argument. */
final class Checks {

    private Checks() {
    }

    /** {@code value}, which must be neither null nor blank. */
    static String text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value}, which must be an id as {@link Ids} defines it (checked where ids enter: in commands). */
    static String id(String value, String name) {
        return Ids.require(value, name);
    }

    /** A line of a command: its client-chosen id, if any, and its product must be ids. */
    static OrderLine commandLine(OrderLine line, String name) {
        Objects.requireNonNull(line, name);
        if (line.lineId() != null) {
            id(line.lineId(), name + ".lineId");
        }
        id(line.sku(), name + ".sku");
        return line;
    }

    /** A line of an event: it has an id. */
    static OrderLine recordedLine(OrderLine line, String name) {
        Objects.requireNonNull(line, name);
        Objects.requireNonNull(line.lineId(), name + ".lineId");
        return line;
    }

    /** An unmodifiable copy of {@code list}, which must not be null nor hold null elements. */
    static <T> List<T> elements(List<T> list, String name) {
        Objects.requireNonNull(list, name);
        // List.copyOf rejects a null element too, but without saying which list or where.
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(name + "[" + i + "]");
            }
        }
        // Free when the list is already an unmodifiable copy, as it is when evolve passes lines along.
        return List.copyOf(list);
    }
}
