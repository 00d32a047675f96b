package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.NoRespondersException;
import io.clstr.ports.out.transport.RequestHandler;
import io.clstr.ports.out.transport.TransportException;
import io.clstr.ports.out.transport.TransportSubscription;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MessageTransport} between nodes in one JVM, joined by an {@link InMemoryNetwork}: the embedded
 * default and the way multi-node tests run a cluster without a server.
 *
 * <p>It meets the whole port contract ({@code MessageTransportContract}) with NATS semantics: every plain
 * subscriber gets each message, each queue group hands it to one member (round-robin), a request completes
 * with the first reply, fails at once with {@code NoRespondersException} when nobody subscribes and with
 * {@code RequestTimeoutException} when no reply comes in time.
 *
 * <p>Delivery calls handlers directly on the sender's thread, which the port allows because handlers must
 * not block; so a handler that throws is logged and its request times out, as on NATS. Messages are handed
 * over as they are, headers and body uncopied: neither side may modify a body after sending or receiving it.
 * Timeouts share one timer thread and are only armed for requests not answered during delivery.
 *
 * <p>{@link #close()} is a node dying: its subscriptions disappear (requests to them get no responders),
 * replies it has not sent yet are lost, and it can no longer send or subscribe. Requests it sent that are
 * still waiting complete normally or time out.
 */
public final class InMemoryMessageTransport implements MessageTransport {

    private final InMemoryNetwork network;
    private final Set<SubjectSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public InMemoryMessageTransport(InMemoryNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    @Override
    public CompletionStage<Message> request(String subject, Message message, Duration timeout) {
        requireSubject(subject);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("transport is closed"));
        }
        PendingRequest request = new PendingRequest(subject, timeout);
        if (network.deliver(subject, message, request) == 0) {
            return CompletableFuture.failedFuture(new NoRespondersException(subject));
        }
        request.startTimer();
        return request.reply;
    }

    /** Delivers to the subject's subscribers; throws {@link IllegalStateException} once closed. */
    @Override
    public void publish(String subject, Message message) {
        requireSubject(subject);
        Objects.requireNonNull(message, "message");
        requireOpen();
        network.deliver(subject, message, null);
    }

    /** Subscribes a handler; throws {@link IllegalStateException} once closed. */
    @Override
    public TransportSubscription subscribe(String subject, String queueGroup, RequestHandler handler) {
        requireSubject(subject);
        Objects.requireNonNull(handler, "handler");
        if (queueGroup != null && (queueGroup.isEmpty() || queueGroup.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("queue group must be non-empty, without whitespace: '" + queueGroup
                    + "'");
        }
        requireOpen();
        SubjectSubscription subscription = new SubjectSubscription(this, subject, queueGroup, handler);
        subscriptions.add(subscription);
        network.add(subscription);
        if (closed) {
            // close() ran concurrently and may have missed this subscription.
            subscription.close();
            requireOpen();
        }
        return subscription;
    }

    /** Closes every subscription of this transport. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (SubjectSubscription subscription : subscriptions) {
            subscription.close();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Called by a closing subscription. */
    void forget(SubjectSubscription subscription) {
        network.remove(subscription);
        subscriptions.remove(subscription);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("transport is closed");
        }
    }

    /**
     * Subjects are dot-separated, non-empty tokens without whitespace. On NATS the tokens {@code *} and
     * {@code >} are wildcards, which this transport does not offer, so they are refused rather than matched
     * literally. Runs on every message, so it allocates nothing.
     */
    private static void requireSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        boolean valid = true;
        int tokenLength = 0;
        char tokenStart = 0;
        for (int i = 0; valid && i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c == '.') {
                valid = isToken(tokenLength, tokenStart);
                tokenLength = 0;
            } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                valid = false;
            } else {
                tokenStart = tokenLength == 0 ? c : tokenStart;
                tokenLength++;
            }
        }
        if (!valid || !isToken(tokenLength, tokenStart)) {
            throw new IllegalArgumentException(
                    "subject must be dot-separated non-empty tokens without whitespace or wildcards: '" + subject
                            + "'");
        }
    }

    private static boolean isToken(int length, char first) {
        return length > 1 || length == 1 && first != '*' && first != '>';
    }
}
