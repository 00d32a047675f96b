package io.clstr.application.actor;

/** The root of the actor runtime's own failures, so callers can tell them from handler failures. */
public abstract class ActorException extends RuntimeException {

    private final String actorName;

    protected ActorException(String actorName, String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.actorName = actorName;
    }

    /** The actor the failure is about. */
    public String actorName() {
        return actorName;
    }
}
