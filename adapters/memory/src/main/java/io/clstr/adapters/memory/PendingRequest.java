package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.Replier;
import io.clstr.ports.out.transport.RequestTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A request waiting for its first reply. The timeout timer starts only if no reply came while the request was
 * being delivered, and a reply cancels it, so that timers stay rare and short-lived.
 */
final class PendingRequest {

    final CompletableFuture<Message> reply = new CompletableFuture<>();
    private final String subject;
    private final Duration timeout;
    private volatile ScheduledFuture<?> timer;

    PendingRequest(String subject, Duration timeout) {
        this.subject = subject;
        this.timeout = timeout;
    }

    /** The replier handed to one responder. Replies sent after the responder's transport closed are lost. */
    Replier replierFor(InMemoryMessageTransport responder) {
        return response -> {
            Objects.requireNonNull(response, "response");
            if (!responder.isClosed() && reply.complete(response)) {
                cancelTimer();
            }
        };
    }

    /** Fails the request when the timeout passes, unless it is answered by then. */
    void startTimer() {
        if (reply.isDone()) {
            return;
        }
        timer = RequestTimeouts.schedule(this::expire, timeout);
        if (reply.isDone()) {
            // A reply from another thread may have missed the timer: cancel it here instead.
            cancelTimer();
        }
    }

    private void expire() {
        reply.completeExceptionally(new RequestTimeoutException(subject, timeout));
    }

    private void cancelTimer() {
        ScheduledFuture<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
    }
}
