package io.clstr.adapters.nats.internal;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a missing stream (or key-value bucket) once, however many processes start at the same moment.
 *
 * <p>NATS servers before 2.10.16 give each create request for a stream that is still being created a new
 * catch-up subject, and different servers may keep different ones. Nothing shows at first, but a replica that
 * restarts later never catches up again ("Catchup for stream stalled"), so the stream quietly loses a replica
 * for good. Nodes started together must therefore never send two create requests for one stream at once.
 *
 * <p>So before creating, a process claims the stream over core NATS: it answers on the stream's claim subject
 * while it claims, asks that subject who else claims, and creates only when no other claimant has a smaller
 * claim id and the stream still does not exist (a claimant that finished creating it has released its claim); the
 * others wait until the stream exists. A claimant that has won answers every later claimant that it has, so none
 * wins beside it. A create request that timed out is never sent again while it may still be in flight: the creator
 * keeps its claim and waits for the stream to appear, and only claims again when it has not appeared after a while
 * (the request was lost).
 */
public final class StreamCreation {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCreation.class);
    /** Time for a new subscription's interest to reach every server of the cluster. */
    private static final Duration PROPAGATION = Duration.ofMillis(150);
    /** How long a claimant collects the other claimants' answers. */
    private static final Duration ANSWERS = Duration.ofMillis(150);
    /** How long to wait for someone else's create (or an own create that timed out) before claiming again. */
    private static final Duration CREATE_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Looks the stream up: its description, or null when it does not exist. */
    @FunctionalInterface
    public interface Lookup<T> {
        T find() throws IOException, JetStreamApiException;
    }

    /** Sends the create request once. */
    @FunctionalInterface
    public interface Create<T> {
        T create() throws IOException, JetStreamApiException;
    }

    private StreamCreation() {
    }

    /** The existing stream, or the one this process created, or the one another process created meanwhile. */
    public static <T> T ensure(Connection connection, String stream, Lookup<T> lookup, Create<T> create)
            throws IOException, JetStreamApiException {
        while (true) {
            T existing = lookup.find();
            if (existing != null) {
                return existing;
            }
            try (Claim claim = new Claim(connection, stream)) {
                if (claim.won()) {
                    // Another process may have created it, and released its claim, since the lookup above.
                    T createdMeanwhile = lookup.find();
                    if (createdMeanwhile != null) {
                        return createdMeanwhile;
                    }
                    try {
                        return create.create();
                    } catch (IOException timedOut) {
                        LOG.info("creating {} timed out; waiting for it to appear rather than asking twice", stream);
                    }
                    // The claim is kept while the create may still be in flight, so that no one else sends one.
                    T created = awaitCreated(lookup);
                    if (created != null) {
                        return created;
                    }
                    continue;
                }
            }
            LOG.info("another process creates {}; waiting for it", stream);
            T created = awaitCreated(lookup);
            if (created != null) {
                return created;
            }
        }
    }

    private static <T> T awaitCreated(Lookup<T> lookup) throws IOException, JetStreamApiException {
        long deadline = System.nanoTime() + CREATE_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            pause(POLL);
            T found;
            try {
                found = lookup.find();
            } catch (IOException timedOut) {
                // A slow answer says nothing about the stream; starting over could send a second create.
                continue;
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a stream to be created", e);
        }
    }

    /** This process's claim on creating one stream, answered to other claimants while it is held. */
    private static final class Claim implements AutoCloseable {
        /** The answer of a claim that has won: it sorts before every id, so no later claimant wins beside it. */
        private static final String CREATING = "!creating";

        private final Connection connection;
        private final String subject;
        private final String id = UUID.randomUUID().toString();
        private final Dispatcher answers;
        /** What this claim answers: its id, or {@link #CREATING} once it has won. */
        private volatile String answer = id;

        Claim(Connection connection, String stream) throws IOException {
            this.connection = connection;
            this.subject = "_CLSTR.create." + stream;
            this.answers = connection.createDispatcher(message -> {
                if (message.getReplyTo() != null) {
                    connection.publish(message.getReplyTo(), answer.getBytes(StandardCharsets.UTF_8));
                }
            });
            answers.subscribe(subject);
            flush();
        }

        /** Whether no other process claims the stream with a smaller id (or has already won). */
        boolean won() throws IOException {
            pause(PROPAGATION);
            String inbox = connection.createInbox();
            Subscription replies = connection.subscribe(inbox);
            try {
                flush();
                connection.publish(subject, inbox, id.getBytes(StandardCharsets.UTF_8));
                List<String> others = new ArrayList<>();
                long deadline = System.nanoTime() + ANSWERS.toNanos();
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Message reply = replies.nextMessage(Duration.ofNanos(left));
                    if (reply != null) {
                        others.add(new String(reply.getData(), StandardCharsets.UTF_8));
                    }
                }
                others.remove(id);
                if (others.stream().allMatch(other -> other.compareTo(id) > 0)) {
                    answer = CREATING;
                    return true;
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while claiming " + subject, e);
            } finally {
                replies.unsubscribe();
            }
        }

        private void flush() throws IOException {
            try {
                connection.flush(Duration.ofSeconds(2));
            } catch (TimeoutException e) {
                throw new IOException("NATS did not confirm a subscription in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while claiming " + subject, e);
            }
        }

        @Override
        public void close() {
            connection.closeDispatcher(answers);
        }
    }
}
