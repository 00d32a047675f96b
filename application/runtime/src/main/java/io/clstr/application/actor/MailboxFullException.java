package io.clstr.application.actor;

/**
 * The actor's mailbox is at capacity: backpressure. Nothing was enqueued; the caller may retry
 * later or shed the load. Raised often under overload, so it carries no stack trace.
 */
public final class MailboxFullException extends ActorException {

    private final int capacity;

    public MailboxFullException(String actorName, int capacity) {
        super(actorName, "mailbox of actor " + actorName + " is full (capacity " + capacity + ")", false);
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
