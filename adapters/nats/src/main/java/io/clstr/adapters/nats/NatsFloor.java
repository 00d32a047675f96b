package io.clstr.adapters.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The floor of one routed, persisted command on NATS, for load tests to measure clstr against: per command,
 * one request/reply to a responder and one JetStream publish checked by the server against the key's last
 * sequence ({@code Nats-Expected-Last-Subject-Sequence}), and nothing else: no codec, no entity, no snapshot.
 * Publishes of one key follow each other, as the commits of one entity must; keys go independently. With one
 * key it is a single writer publishing sequentially.
 *
 * <p>Plain jnats: futures complete on jnats' own threads.
 */
public final class NatsFloor implements AutoCloseable {

    /** JetStream's code for "no message found" (the key has no publish yet). */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final NatsClient client;
    private final String stream;
    private final String requestSubject;
    private final Duration timeout;
    private final Dispatcher responder;
    private final ConcurrentMap<String, CompletableFuture<Long>> lastSequences = new ConcurrentHashMap<>();

    private NatsFloor(NatsClient client, String stream, Duration timeout) {
        this.client = client;
        this.stream = stream;
        this.requestSubject = stream + ".request";
        this.timeout = timeout;
        Connection connection = client.connection();
        this.responder = connection.createDispatcher(request -> connection.publish(request.getReplyTo(),
                request.getData()));
        responder.subscribe(requestSubject);
    }

    /**
     * Creates the stream {@code name} (subjects {@code name.publish.>}, file storage) and a responder on
     * {@code name.request}.
     *
     * @param name a stream name of its own: {@link #close()} deletes the stream
     */
    public static NatsFloor start(NatsClient client, String name, int replicas, Duration timeout) {
        try {
            client.management().addStream(StreamConfiguration.builder()
                    .name(name)
                    .subjects(name + ".publish.>")
                    .storageType(StorageType.File)
                    .replicas(replicas)
                    .build());
            NatsFloor floor = new NatsFloor(client, name, timeout);
            client.connection().flush(timeout);
            return floor;
        } catch (IOException e) {
            throw new UncheckedIOException("creating the floor's stream " + name, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("NATS refused the floor's stream " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the floor", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("NATS did not confirm the floor's responder within " + timeout, e);
        }
    }

    /** One command on {@code key} (a subject token): a request/reply, then the key's next publish. */
    public CompletableFuture<Void> command(String key, byte[] payload) {
        return client.connection().requestWithTimeout(requestSubject, payload, timeout)
                .thenCompose(reply -> publishAfterPrevious(stream + ".publish." + key, payload));
    }

    private CompletableFuture<Void> publishAfterPrevious(String subject, byte[] payload) {
        CompletableFuture<Long> published = new CompletableFuture<>();
        lastSequences.compute(subject, (ignored, previous) -> {
            CompletableFuture<Long> last = previous != null ? previous : CompletableFuture.completedFuture(0L);
            last.thenCompose(sequence -> publish(subject, payload, sequence)).whenComplete((sequence, error) -> {
                if (error != null) {
                    published.completeExceptionally(error);
                } else {
                    published.complete(sequence);
                }
            });
            // A failed publish may have been stored: the next one asks the server where the key stands.
            return published.handle((sequence, error) -> error == null ? CompletableFuture.completedFuture(sequence)
                    : lastSequenceOnServer(subject)).thenCompose(Function.identity());
        });
        return published.thenApply(sequence -> null);
    }

    private CompletableFuture<Long> publish(String subject, byte[] payload, long expectedLastSequence) {
        JetStream jetStream = client.jetStream();
        PublishOptions expected = PublishOptions.builder().expectedLastSubjectSequence(expectedLastSequence).build();
        return jetStream.publishAsync(subject, payload, expected).thenApply(PublishAck::getSeqno);
    }

    private CompletableFuture<Long> lastSequenceOnServer(String subject) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.management().getLastMessage(stream, subject).getSeq();
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                    return 0L;
                }
                throw new CompletionException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, client.callbacks());
    }

    /** Stops the responder and deletes the stream. */
    @Override
    public void close() {
        client.connection().closeDispatcher(responder);
        JetStreamManagement management = client.management();
        try {
            management.deleteStream(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the floor's stream " + stream, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("NATS refused to delete the floor's stream " + stream, e);
        }
    }
}
