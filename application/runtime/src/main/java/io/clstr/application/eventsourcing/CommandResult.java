package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.Rejection;
import java.util.Objects;

/**
 * What became of a command. Failures of the infrastructure (store unavailable, a conflict that
 * survived its retries, timeouts) are not results: they fail the returned stage.
 */
public sealed interface CommandResult<S>
        permits CommandResult.Accepted, CommandResult.Rejected, CommandResult.VersionMismatch {

    /**
     * The command's events are stored.
     *
     * @param state the entity's state right after this command's events
     * @param version the entity's version right after this command's events
     * @param repeated the command id was seen before: this is the first outcome, nothing new was stored
     */
    record Accepted<S>(S state, long version, boolean repeated) implements CommandResult<S> {
        public Accepted {
            Objects.requireNonNull(state, "state");
        }
    }

    /** A business rule refused the command; nothing was stored. */
    record Rejected<S>(Rejection rejection, long version, boolean repeated) implements CommandResult<S> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** The request expected another version than the entity's; nothing was stored. */
    record VersionMismatch<S>(long expected, long actual) implements CommandResult<S> {
    }
}
