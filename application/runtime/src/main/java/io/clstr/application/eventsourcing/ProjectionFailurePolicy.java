package io.clstr.application.eventsourcing;

/** What a projection does with a commit it still cannot apply after its last retry. */
public enum ProjectionFailurePolicy {

    /**
     * Stop in {@link ProjectionState#FAILED}, with the checkpoint before the failing commit, until an
     * operator fixes the cause and starts it again. Nothing is skipped, but the read model stops following.
     */
    STOP,

    /**
     * Record the commit as parked (its position, stream and the error, never its data), count it and go on.
     * Later commits of the same stream are parked straight away, so that stream's entry never applies an
     * event out of order; {@link ProjectionRunner#retryParked()} applies them once the cause is fixed.
     */
    PARK
}
