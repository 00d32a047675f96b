package io.clstr.ports.in.request;

import java.util.Objects;

/**
 * The business outcome of a command. Infrastructure failures (timeouts, an unavailable cluster, a
 * conflict that survived its retry) complete the stage exceptionally instead, with
 * {@link ServiceUnavailableException} or {@link CommandConflictException}.
 *
 * @param <V> the view returned on success
 */
public sealed interface CommandOutcome<V>
        permits CommandOutcome.Accepted, CommandOutcome.Rejected, CommandOutcome.NotFound, CommandOutcome.VersionMismatch {

    /** The command took effect (or had already taken effect: a repeated command id). */
    record Accepted<V>(V view, boolean repeated) implements CommandOutcome<V> {
        public Accepted {
            Objects.requireNonNull(view, "view");
        }
    }

    /** A business rule refused the command; nothing changed. */
    record Rejected<V>(String code, String message) implements CommandOutcome<V> {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The command addresses something that does not exist. */
    record NotFound<V>(String message) implements CommandOutcome<V> {
    }

    /** The request expected another version than the current one; nothing changed. */
    record VersionMismatch<V>(long expected, long actual) implements CommandOutcome<V> {
    }
}
