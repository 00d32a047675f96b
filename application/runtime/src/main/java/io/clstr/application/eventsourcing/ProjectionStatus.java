package io.clstr.application.eventsourcing;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a projection runner, for operators.
 *
 * @param position the position of the last commit handled (applied or parked)
 * @param checkpoint the position last saved; a restart resumes after it
 * @param lag roughly how many stored commits the projection has still to read (the last value seen while
 *     it is not subscribed)
 * @param parked commits parked and not yet retried successfully
 * @param lastError the last failure seen since the runner was started: handler, decoding or subscription
 */
public record ProjectionStatus(String name, ProjectionState state, long position, long checkpoint, long lag,
        int parked, Optional<String> lastError) {

    public ProjectionStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
    }
}
