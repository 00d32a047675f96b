package io.clstr.application.actor;

/** The actor's behaviour has no handler for the message type and no default handler. */
public final class UnhandledMessageException extends ActorException {

    private final String messageType;

    public UnhandledMessageException(String actorName, String messageType) {
        super(actorName, "actor " + actorName + " has no handler for " + messageType, true);
        this.messageType = messageType;
    }

    public String messageType() {
        return messageType;
    }
}
