package io.clstr.ports.out.transport;

/**
 * Handles messages arriving on a subscribed subject. It must not block: hand the work off and
 * reply through the {@link Replier} when it is done. For one-way messages the replier ignores replies.
 */
public interface RequestHandler {

    void handle(Message message, Replier replier);
}
