package io.clstr.adapters.micrometer;

import java.util.function.Function;

/**
 * The two meters of a boolean label, both built up front: a {@code success="false"} series at zero lets
 * {@code rate()} answer 0 rather than "no data" before the first failure.
 */
record ByBoolean<M>(M whenTrue, M whenFalse) {

    /** Meters for the label values {@code "true"} and {@code "false"}. */
    static <M> ByBoolean<M> of(Function<String, M> create) {
        return of("true", "false", create);
    }

    static <M> ByBoolean<M> of(String trueValue, String falseValue, Function<String, M> create) {
        return new ByBoolean<>(create.apply(trueValue), create.apply(falseValue));
    }

    M get(boolean value) {
        return value ? whenTrue : whenFalse;
    }
}
