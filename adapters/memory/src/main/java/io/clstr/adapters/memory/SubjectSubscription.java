package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.Replier;
import io.clstr.ports.out.transport.RequestHandler;
import io.clstr.ports.out.transport.TransportSubscription;
import java.lang.System.Logger.Level;

/** One handler subscribed to one subject by one {@link InMemoryMessageTransport}. */
final class SubjectSubscription implements TransportSubscription {

    private static final System.Logger LOG = System.getLogger(SubjectSubscription.class.getName());
    private static final Replier IGNORE_REPLY = response -> { };

    final InMemoryMessageTransport owner;
    final String subject;
    /** The queue group, or null. */
    final String queueGroup;
    private final RequestHandler handler;
    private volatile boolean closed;

    SubjectSubscription(InMemoryMessageTransport owner, String subject, String queueGroup, RequestHandler handler) {
        this.owner = owner;
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.handler = handler;
    }

    /**
     * Calls the handler on the sender's thread (handlers must not block).
     *
     * @param request the request to answer, or null for a one-way message
     * @return false if this subscription is closed and did not take the message
     */
    boolean deliver(Message message, PendingRequest request) {
        if (closed) {
            return false;
        }
        try {
            handler.handle(message, request == null ? IGNORE_REPLY : request.replierFor(owner));
        } catch (RuntimeException failure) {
            // As on NATS, a failing handler sends nothing back: the requester times out.
            LOG.log(Level.WARNING, "handler for subject " + subject + " failed", failure);
        }
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.forget(this);
        }
    }
}
