package io.clstr.application.cluster;

import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.RequestHandler;
import io.clstr.ports.out.transport.TransportSubscription;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A transport whose next subscriptions fail, or whose subscriptions fail to close, on cue. */
final class FlakyTransport implements MessageTransport {

    private final MessageTransport delegate;
    private final AtomicInteger failingSubscribes = new AtomicInteger();
    private final AtomicInteger failingCloses = new AtomicInteger();

    FlakyTransport(MessageTransport delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} subscribe calls fail. */
    void failSubscribes(int count) {
        failingSubscribes.set(count);
    }

    /** The next {@code count} subscriptions to be closed throw (after closing). */
    void failCloses(int count) {
        failingCloses.set(count);
    }

    @Override
    public CompletionStage<Message> request(String subject, Message message, Duration timeout) {
        return delegate.request(subject, message, timeout);
    }

    @Override
    public void publish(String subject, Message message) {
        delegate.publish(subject, message);
    }

    @Override
    public TransportSubscription subscribe(String subject, String queueGroup, RequestHandler handler) {
        if (failingSubscribes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("subscribing to " + subject + " failed");
        }
        TransportSubscription subscription = delegate.subscribe(subject, queueGroup, handler);
        return () -> {
            subscription.close();
            if (failingCloses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("closing the subscription to " + subject + " failed");
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
