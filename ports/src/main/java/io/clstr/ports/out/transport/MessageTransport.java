package io.clstr.ports.out.transport;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Request/reply and one-way messages on subjects (dot-separated names such as
 * {@code clstr.main.shard.7}).
 *
 * <p>Subscribers that share a queue group split the messages of a subject: each message goes to one
 * of them. The contract is pinned by {@code MessageTransportContract} in this module's test-jar.
 */
public interface MessageTransport extends AutoCloseable {

    /**
     * Sends a request and completes with the reply. Fails with {@link NoRespondersException} when
     * nobody subscribes and with {@link RequestTimeoutException} when no reply comes in time.
     */
    CompletionStage<Message> request(String subject, Message message, Duration timeout);

    /** Sends a message that expects no reply. Delivery is best effort. */
    void publish(String subject, Message message);

    /**
     * Delivers the subject's messages to the handler.
     *
     * @param queueGroup subscribers with the same group share the messages; {@code null} for none
     */
    TransportSubscription subscribe(String subject, String queueGroup, RequestHandler handler);

    /** Stops every subscription of this transport. */
    @Override
    void close();
}
