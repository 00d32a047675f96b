package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.Message;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire between {@link InMemoryMessageTransport}s: several "nodes" in one JVM that reach each other by
 * subject, as NATS connections to one server do. Subjects match exactly (no wildcards). A subject's entry
 * disappears with its last subscriber, so memory follows the live subscriptions.
 */
public final class InMemoryNetwork {

    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

    /** A new transport (node) on this network. */
    public InMemoryMessageTransport connect() {
        return new InMemoryMessageTransport(this);
    }

    void add(SubjectSubscription subscription) {
        routes.compute(subscription.subject,
                (subject, route) -> (route == null ? Route.EMPTY : route).with(subscription));
    }

    void remove(SubjectSubscription subscription) {
        routes.computeIfPresent(subscription.subject, (subject, route) -> route.without(subscription));
    }

    /** Hands the message to the subject's subscribers on the calling thread; returns how many took it. */
    int deliver(String subject, Message message, PendingRequest request) {
        Route route = routes.get(subject);
        return route == null ? 0 : route.deliver(message, request);
    }

    /** The number of subjects with at least one subscriber. */
    int subjectCount() {
        return routes.size();
    }
}
