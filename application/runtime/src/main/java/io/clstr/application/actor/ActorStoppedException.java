package io.clstr.application.actor;

/** The actor stopped (or is stopping): it takes no more messages and its queued asks fail with this. */
public final class ActorStoppedException extends ActorException {

    public ActorStoppedException(String actorName) {
        super(actorName, "actor " + actorName + " stopped", true);
    }
}
