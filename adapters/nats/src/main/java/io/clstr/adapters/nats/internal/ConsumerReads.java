package io.clstr.adapters.nats.internal;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.NUID;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded reads through short-lived ephemeral push consumers: create one (one round trip; the server then
 * streams the matching messages with flow control), stop when the collector has enough or the server reports
 * nothing pending, then delete the consumer at once, so that frequent reads never pile up consumers on the
 * server. The inactivity threshold only covers a process that dies mid-read.
 *
 * <p>A consumer reads the copy of the stream on the server it is placed on, and 2.9 places a one-replica consumer
 * on any of the stream's servers (22 of 30 landed on a follower of a three-server cluster). A follower may lag,
 * and after every server was killed at once one served, at one position, a different commit from the leader's.
 * A read whose caller cannot check what it gets asks to be served by the stream leader ({@link Request#onLeader()}):
 * it first asks who leads the stream, and a consumer placed elsewhere is deleted and created again, up to
 * {@value #PLACEMENTS} times, before the read fails.
 *
 * <p>Deliveries run on the given dispatcher; the result completes on the callback executor.
 */
public final class ConsumerReads {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerReads.class);
    private static final Duration INACTIVE_THRESHOLD = Duration.ofSeconds(30);
    private static final Duration IDLE_HEARTBEAT = Duration.ofSeconds(5);
    private static final String STALLED_HEADER = "Nats-Consumer-Stalled";
    private static final int FLOW_OR_HEARTBEAT = 100;
    /** A creation answers in milliseconds when the consumer's server is up. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(2);
    private static final int CREATE_ATTEMPTS = 3;
    /**
     * Consumers created per read to land one on the stream leader. 2.9 places each at random (about one in three on
     * the leader of three, with runs of ten misses in 300): thirty misses in a row is (2/3)^30, about 5 in a million.
     */
    private static final int PLACEMENTS = 30;

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final String stream;
    private final String namePrefix;
    private final Duration idleTimeout;
    /** How long a request before the read (who leads, the creation) may take: within the idle timeout. */
    private final Duration requestTimeout;
    private final ScheduledExecutorService timers;
    private final Executor callbacks;
    private final Function<String, RuntimeException> failure;

    /**
     * @param idleTimeout a read fails when nothing arrives for this long
     * @param failure turns a problem description into the exception the caller's port defines
     */
    public ConsumerReads(Connection connection, Dispatcher dispatcher, String stream, String namePrefix,
            Duration idleTimeout, ScheduledExecutorService timers, Executor callbacks,
            Function<String, RuntimeException> failure) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.stream = stream;
        this.namePrefix = namePrefix;
        this.idleTimeout = idleTimeout;
        this.requestTimeout = CREATE_TIMEOUT.compareTo(idleTimeout) < 0 ? CREATE_TIMEOUT : idleTimeout;
        this.timers = timers;
        this.callbacks = callbacks;
        this.failure = failure;
    }

    /**
     * What to read; a {@code null} filter subject reads the whole stream.
     *
     * @param leaderOnly whether only the stream leader's copy may serve the read
     */
    public record Request(String filterSubject, long startSequence, boolean lastPerSubject, boolean headersOnly,
            boolean leaderOnly) {

        /** Every message of {@code filterSubject} from {@code startSequence} on (1 = from the beginning). */
        public static Request from(String filterSubject, long startSequence) {
            return new Request(Objects.requireNonNull(filterSubject, "filterSubject"), Math.max(1, startSequence),
                    false, false, false);
        }

        /** Every message of the stream from {@code startSequence} on. */
        public static Request wholeStreamFrom(long startSequence) {
            return new Request(null, Math.max(1, startSequence), false, false, false);
        }

        /** The last message of each subject matching {@code filterSubject}, headers only. */
        public static Request lastHeadersPerSubject(String filterSubject) {
            return new Request(filterSubject, 1, true, true, false);
        }

        /** The same read, served by the stream leader. */
        public Request onLeader() {
            return new Request(filterSubject, startSequence, lastPerSubject, headersOnly, true);
        }
    }

    /** Accumulates one read's messages; called by one thread at a time. */
    public interface Collector<R> {

        /** Takes a delivered message; returns true when nothing more is needed. */
        boolean take(Message message);

        R result();
    }

    /**
     * Reads through a new consumer. A consumer whose creation goes unanswered is given up after
     * {@link #CREATE_TIMEOUT} and created again, up to {@value #CREATE_ATTEMPTS} times: while a server is down,
     * 2.9 may place the consumer on it, and nothing ever answers.
     */
    public <R> CompletableFuture<R> read(Request request, Collector<R> collector) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!request.leaderOnly()) {
            attempt(request, collector, null, 1, 1, result);
            return result;
        }
        streamLeader().whenComplete((leader, error) -> {
            if (error != null) {
                result.completeExceptionally(failure.apply("cannot tell which server leads " + stream + ": "
                        + Failures.unwrap(error).getMessage()));
            } else {
                attempt(request, collector, leader, 1, 1, result);
            }
        });
        return result;
    }

    /** The name of the server that leads the stream, or {@code null} when the server does not say. */
    private CompletableFuture<String> streamLeader() {
        try {
            return connection.requestWithTimeout("$JS.API.STREAM.INFO." + stream, null, null, requestTimeout)
                    .thenApply(reply -> {
                        StreamInfo info = new StreamInfo(reply);
                        if (info.hasError()) {
                            throw failure.apply(info.getError().toString());
                        }
                        return info.getClusterInfo() == null ? null : info.getClusterInfo().getLeader();
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <R> void attempt(Request request, Collector<R> collector, String leader, int attempt, int placement,
            CompletableFuture<R> result) {
        Read<R> read = new Read<>(namePrefix + NUID.nextGlobal(), collector, leader);
        read.start(request);
        read.result.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (read.misplaced() && placement < PLACEMENTS) {
                attempt(request, collector, leader, attempt, placement + 1, result);
            } else if (read.neverAnswered() && attempt < CREATE_ATTEMPTS) {
                LOG.info("read consumer on {} was not created in {} ms (attempt {}); creating another", stream,
                        CREATE_TIMEOUT.toMillis(), attempt);
                attempt(request, collector, leader, attempt + 1, placement, result);
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    private final class Read<R> implements MessageHandler {

        private final String name;
        private final Collector<R> collector;
        /** The server the consumer must be placed on, or {@code null} for any. */
        private final String leader;
        private final CompletableFuture<R> result = new CompletableFuture<>();
        private Subscription subscription;
        private long nextConsumerSequence = 1;
        private boolean finished;
        /** Whether the server answered the creation; guarded by this. */
        private boolean answered;
        /** Whether the consumer was placed off the leader; guarded by this. */
        private boolean misplaced;
        /** Deliveries that arrived before the creation's answer said where the consumer is; guarded by this. */
        private final List<Message> early = new ArrayList<>();
        private volatile long lastActivity = System.nanoTime();

        Read(String name, Collector<R> collector, String leader) {
            this.name = name;
            this.collector = collector;
            this.leader = leader;
        }

        void start(Request request) {
            String deliverSubject = connection.createInbox();
            try {
                // Subscribe before creating the consumer: 2.9 pushes only to a subscribed (literal) subject.
                synchronized (this) {
                    subscription = dispatcher.subscribe(deliverSubject, this);
                }
                connection.requestWithTimeout("$JS.API.CONSUMER.CREATE." + stream + "." + name, null,
                                createRequest(request, deliverSubject),
                                requestTimeout)
                        .whenComplete((reply, error) -> created(reply, error));
            } catch (RuntimeException e) {
                synchronized (this) {
                    fail(failure.apply("cannot start a read on " + stream + ": " + e.getMessage()));
                }
                return;
            }
            scheduleIdleCheck(idleTimeout.toNanos());
        }

        private byte[] createRequest(Request request, String deliverSubject) {
            StringBuilder json = new StringBuilder(320)
                    .append("{\"stream_name\":\"").append(stream)
                    .append("\",\"config\":{\"name\":\"").append(name)
                    .append("\",\"deliver_subject\":\"").append(deliverSubject).append('"');
            if (request.lastPerSubject()) {
                json.append(",\"deliver_policy\":\"last_per_subject\"");
            } else if (request.startSequence() > 1) {
                json.append(",\"deliver_policy\":\"by_start_sequence\",\"opt_start_seq\":")
                        .append(request.startSequence());
            } else {
                json.append(",\"deliver_policy\":\"all\"");
            }
            json.append(",\"ack_policy\":\"none\",\"replay_policy\":\"instant\"");
            if (request.filterSubject() != null) {
                json.append(",\"filter_subject\":\"").append(request.filterSubject()).append('"');
            }
            json.append(",\"headers_only\":").append(request.headersOnly())
                    .append(",\"mem_storage\":true,\"num_replicas\":1")
                    .append(",\"flow_control\":true,\"idle_heartbeat\":").append(IDLE_HEARTBEAT.toNanos())
                    .append(",\"inactive_threshold\":").append(INACTIVE_THRESHOLD.toNanos())
                    .append("}}");
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void onMessage(Message message) {
            lastActivity = System.nanoTime();
            if (message.isStatusMessage()) {
                answerFlowControl(message);
                return;
            }
            synchronized (this) {
                if (!answered) {
                    early.add(message); // its server is not known yet
                } else {
                    deliver(message);
                }
            }
        }

        /** Hands a message from the leader's copy to the collector; called holding this. */
        private void deliver(Message message) {
            if (finished) {
                return;
            }
            try {
                NatsJetStreamMetaData meta = message.metaData();
                if (meta.consumerSequence() != nextConsumerSequence) {
                    fail(failure.apply("read on " + stream + " lost messages (consumer sequence "
                            + meta.consumerSequence() + ", expected " + nextConsumerSequence + ")"));
                    return;
                }
                nextConsumerSequence++;
                if (collector.take(message) || meta.pendingCount() == 0) {
                    finish();
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void created(Message reply, Throwable error) {
            lastActivity = System.nanoTime();
            synchronized (this) {
                answered = error == null;
                if (finished) {
                    return;
                }
                if (error != null) {
                    fail(failure.apply("cannot create a read consumer on " + stream + ": "
                            + Failures.unwrap(error)));
                    return;
                }
                ConsumerInfo info = new ConsumerInfo(reply);
                if (info.hasError()) {
                    fail(failure.apply("cannot create a read consumer on " + stream + ": " + info.getError()));
                    return;
                }
                String placedOn = info.getClusterInfo() == null ? null : info.getClusterInfo().getLeader();
                if (leader != null && placedOn != null && !leader.equals(placedOn)) {
                    misplaced = true;
                    fail(failure.apply("read consumer on " + stream + " was placed on " + placedOn
                            + ", not on the stream leader " + leader));
                    return;
                }
                if (info.getNumPending() == 0 && early.isEmpty()) {
                    finish();
                    return;
                }
                early.forEach(this::deliver);
                early.clear();
            }
        }

        /** Whether this read failed because its consumer was placed off the stream leader. */
        synchronized boolean misplaced() {
            return misplaced;
        }

        /** Whether this read failed with its creation unanswered and nothing delivered: it may be tried again. */
        synchronized boolean neverAnswered() {
            return !answered && nextConsumerSequence == 1;
        }

        private void answerFlowControl(Message status) {
            if (status.getStatus().getCode() != FLOW_OR_HEARTBEAT) {
                return;
            }
            String replyTo = status.getReplyTo();
            if (replyTo != null && !replyTo.isEmpty()) {
                connection.publish(replyTo, null);
            } else if (status.getHeaders() != null && status.getHeaders().getFirst(STALLED_HEADER) != null) {
                connection.publish(status.getHeaders().getFirst(STALLED_HEADER), null);
            }
        }

        private void scheduleIdleCheck(long delayNanos) {
            try {
                timers.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    fail(failure.apply("the NATS client is closed"));
                }
            }
        }

        private void checkIdle() {
            synchronized (this) {
                if (finished) {
                    return;
                }
            }
            long idleFor = System.nanoTime() - lastActivity;
            if (idleFor >= idleTimeout.toNanos()) {
                synchronized (this) {
                    fail(failure.apply("read on " + stream + " got nothing for " + idleTimeout.toMillis() + " ms"));
                }
            } else {
                scheduleIdleCheck(idleTimeout.toNanos() - idleFor);
            }
        }

        private void finish() {
            R value;
            try {
                value = collector.result();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            finished = true;
            release();
            completeLater(() -> result.complete(value));
        }

        private void fail(Throwable error) {
            if (finished) {
                return;
            }
            finished = true;
            release();
            completeLater(() -> result.completeExceptionally(error));
        }

        private void release() {
            try {
                if (subscription != null) {
                    dispatcher.unsubscribe(subscription);
                }
            } catch (IllegalStateException e) {
                LOG.debug("read subscription already gone", e);
            }
            try {
                connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + name, null).whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("could not delete read consumer {}; the server drops it when inactive", name, e);
                    }
                });
            } catch (IllegalStateException e) {
                LOG.debug("connection closed before read consumer {} was deleted", name, e);
            }
        }

        private void completeLater(Runnable completion) {
            try {
                callbacks.execute(completion);
            } catch (RejectedExecutionException e) {
                completion.run();
            }
        }
    }
}
