package io.clstr.domain.order;

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
