package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.Failures;
import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.NoRespondersException;
import io.clstr.ports.out.transport.Replier;
import io.clstr.ports.out.transport.RequestHandler;
import io.clstr.ports.out.transport.RequestTimeoutException;
import io.clstr.ports.out.transport.TransportException;
import io.clstr.ports.out.transport.TransportSubscription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core NATS request/reply and one-way messages (no JetStream).
 *
 * <p>{@link #subscribe} returns once the server has registered the subscription, and closing one (or the
 * transport) returns once the server has removed it. Handlers run on this
 * transport's dispatcher thread, one message at a time, and must not block: hand the
 * work off and reply through the {@link Replier} later, from any thread. A request nobody subscribes to fails
 * at once with {@link NoRespondersException} (the server says so); one without a reply in time fails with
 * {@link RequestTimeoutException}, as do the requests in flight when the connection drops (their replies cannot
 * come). Message headers travel as NATS headers (one value per name). Request futures
 * complete on the {@link NatsClient}'s callback executor.
 */
public final class NatsMessageTransport implements MessageTransport {

    private static final Logger LOG = LoggerFactory.getLogger(NatsMessageTransport.class);
    private static final byte[] EMPTY = new byte[0];

    private final NatsClient client;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Requests waiting for a reply, with their subjects. */
    private final Map<CompletableFuture<Message>, String> pending = new ConcurrentHashMap<>();
    private final Runnable stopWatchingConnection;

    public NatsMessageTransport(NatsClient client) {
        this.client = client;
        this.connection = client.connection();
        this.dispatcher = connection.createDispatcher();
        this.stopWatchingConnection = client.whenDisconnected(this::connectionLost);
    }

    /** The connection dropped: the replies to requests in flight will not come; fail them now, not at timeout. */
    private void connectionLost() {
        pending.forEach((request, subject) -> completeLater(() -> request.completeExceptionally(
                new RequestTimeoutException(subject, "the connection to NATS dropped"))));
    }

    @Override
    public CompletionStage<Message> request(String subject, Message message, Duration timeout) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Message> result = new CompletableFuture<>();
        pending.put(result, subject);
        result.whenComplete((done, error) -> pending.remove(result));
        CompletableFuture<io.nats.client.Message> reply;
        try {
            reply = connection.requestWithTimeout(subject, toHeaders(message.headers()), message.body(), timeout);
        } catch (IllegalStateException e) {
            result.completeExceptionally(new TransportException("cannot send a request on " + subject, e));
            return result;
        }
        // The client only sweeps overdue requests now and then; this timer keeps the timeout precise.
        ScheduledFuture<?> timer = client.timers().schedule(() -> {
            completeLater(() -> result.completeExceptionally(new RequestTimeoutException(subject, timeout)));
            reply.cancel(false);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((answer, error) -> {
            timer.cancel(false);
            if (error == null) {
                completeLater(() -> complete(result, subject, answer));
            } else {
                RuntimeException failure = requestFailure(subject, timeout, error);
                completeLater(() -> result.completeExceptionally(failure));
            }
        });
        return result;
    }

    @Override
    public void publish(String subject, Message message) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        try {
            connection.publish(subject, toHeaders(message.headers()), message.body());
        } catch (IllegalStateException e) {
            throw new TransportException("cannot publish on " + subject, e);
        }
    }

    @Override
    public TransportSubscription subscribe(String subject, String queueGroup, RequestHandler handler) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(handler, "handler");
        if (closed.get()) {
            throw new IllegalStateException("the transport is closed");
        }
        Subscription subscription = queueGroup == null
                ? dispatcher.subscribe(subject, incoming -> deliver(subject, incoming, handler))
                : dispatcher.subscribe(subject, queueGroup, incoming -> deliver(subject, incoming, handler));
        awaitServerAcknowledgement(subject);
        return () -> {
            try {
                if (subscription.isActive()) {
                    dispatcher.unsubscribe(subscription);
                    // Disconnected, there is no server to confirm it to (nor to route to this subscription).
                    if (connection.getStatus() == Connection.Status.CONNECTED) {
                        awaitServerAcknowledgement(subject);
                    }
                }
            } catch (IllegalStateException e) {
                LOG.debug("subscription to {} already gone", subject, e);
            }
        };
    }

    /** Stops every subscription of this transport; the shared connection stays open. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopWatchingConnection.run();
        try {
            connection.closeDispatcher(dispatcher);
            awaitServerAcknowledgement("all subjects of this transport");
        } catch (IllegalStateException | IllegalArgumentException | TransportException e) {
            LOG.debug("transport dispatcher already closed", e);
        }
    }

    /**
     * A round trip to the server, so that it has registered a subscription (or its end) before the caller goes
     * on: otherwise a message published right after, on another connection, could miss a new subscription or
     * be routed to one that no longer reads, and a request would wait for its timeout instead of failing with
     * "no responders".
     */
    private void awaitServerAcknowledgement(String subject) {
        try {
            connection.flush(client.requestTimeout());
        } catch (TimeoutException e) {
            throw new TransportException("the server did not confirm the subscription to " + subject + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while subscribing to " + subject, e);
        }
    }

    private void deliver(String subject, io.nats.client.Message incoming, RequestHandler handler) {
        Message message = toMessage(incoming);
        String replyTo = incoming.getReplyTo();
        Replier replier = replyTo == null || replyTo.isEmpty() ? response -> { } : new OnceReplier(replyTo);
        try {
            handler.handle(message, replier);
        } catch (RuntimeException e) {
            LOG.warn("handler for {} failed", subject, e);
        }
    }

    private static void complete(CompletableFuture<Message> result, String subject, io.nats.client.Message answer) {
        if (answer.isStatusMessage()) {
            result.completeExceptionally(answer.getStatus().isNoResponders() ? new NoRespondersException(subject)
                    : new TransportException("request on " + subject + " answered with " + answer.getStatus()));
        } else {
            result.complete(toMessage(answer));
        }
    }

    private static RuntimeException requestFailure(String subject, Duration timeout, Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof JetStreamStatusException status && status.getStatus().isNoResponders()) {
            return new NoRespondersException(subject);
        }
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            return new RequestTimeoutException(subject, timeout);
        }
        return new TransportException("request on " + subject + " failed: " + cause.getMessage(), cause);
    }

    private static Headers toHeaders(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        Headers natsHeaders = new Headers();
        headers.forEach(natsHeaders::put);
        return natsHeaders;
    }

    private static Message toMessage(io.nats.client.Message natsMessage) {
        Headers headers = natsMessage.getHeaders();
        Map<String, String> map;
        if (headers == null || headers.isEmpty()) {
            map = Map.of();
        } else {
            map = new HashMap<>();
            for (String name : headers.keySet()) {
                map.put(name, headers.getFirst(name));
            }
        }
        byte[] body = natsMessage.getData();
        return new Message(map, body == null ? EMPTY : body);
    }

    private void completeLater(Runnable completion) {
        try {
            client.callbacks().execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    /** Sends at most one reply; replies after the first, or to a closed connection, are dropped. */
    private final class OnceReplier implements Replier {
        private final String replyTo;
        private final AtomicBoolean sent = new AtomicBoolean();

        OnceReplier(String replyTo) {
            this.replyTo = replyTo;
        }

        @Override
        public void reply(Message response) {
            Objects.requireNonNull(response, "response");
            if (!sent.compareAndSet(false, true)) {
                return;
            }
            try {
                connection.publish(replyTo, toHeaders(response.headers()), response.body());
            } catch (IllegalStateException e) {
                LOG.debug("reply dropped: the connection is closed", e);
            }
        }
    }
}
