package io.clstr.application.eventsourcing;

/** Where a projection runner is in its life. */
public enum ProjectionState {

    /** Not running: never started, or stopped (its checkpoint is saved). */
    STOPPED,

    /** Running and reading commits stored before it (re)subscribed. */
    CATCHING_UP,

    /** Running and applying new commits as they are appended. */
    LIVE,

    /** Not reading, checkpoint saved; {@link ProjectionRunner#resume()} continues where it stopped. */
    PAUSED,

    /** Stopped by a commit it could not apply (policy {@link ProjectionFailurePolicy#STOP}). */
    FAILED
}
