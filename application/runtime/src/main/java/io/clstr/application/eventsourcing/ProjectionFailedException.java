package io.clstr.application.eventsourcing;

/**
 * A projection stopped before it caught up: it failed on a commit (policy {@link ProjectionFailurePolicy#STOP})
 * or was stopped or paused first. Completes {@link ProjectionRunner#live()} exceptionally.
 */
public class ProjectionFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ProjectionFailedException(String message) {
        super(message);
    }

    public ProjectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
