package io.clstr.domain.kernel;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link Aggregate#decide}: the command is accepted with the events it causes, or
 * rejected with a stable code.
 */
public sealed interface Decision<E> permits Decision.Accepted, Decision.Rejected {

    /** The command is accepted. An empty list means it changes nothing (and stores nothing). */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** The command breaks a business rule. Nothing is stored. */
    record Rejected<E>(Rejection rejection) implements Decision<E> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <E> Decision<E> accept(E event) {
        return new Accepted<>(List.of(event));
    }

    static <E> Decision<E> accept(List<E> events) {
        return new Accepted<>(events);
    }

    static <E> Decision<E> acceptNothing() {
        return new Accepted<>(List.of());
    }

    static <E> Decision<E> reject(String code, String message) {
        return new Rejected<>(new Rejection(code, message));
    }

    static <E> Decision<E> reject(Rejection rejection) {
        return new Rejected<>(rejection);
    }
}
