package io.clstr.adapters.nats.internal;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running, in-order read of a stream: an ordered push consumer with flow control and heartbeats. The
 * client recreates the consumer from the last delivered sequence after a gap, missed heartbeats or a
 * reconnect, and this class drops anything at or below the last sequence it handed on, so the handler sees
 * every message once, in order. It runs on its own dispatcher thread, so a slow handler holds up only itself.
 *
 * <p>The handler is called one call at a time, under a lock that {@link #close()} also takes: once close
 * returns, the handler is not called again. It learns once when it has caught up with what was stored when
 * the feed started, and once (if ever) that the feed failed: its own exception, or the connection closing for
 * good.
 */
public final class OrderedFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedFeed.class);

    /** What the feed drives. */
    public interface Handler {

        /** One message; an exception ends the feed with {@link #failed}. */
        void message(Message message);

        /** Everything stored when the feed started has been handed over. Called once. */
        void caughtUp();

        /** The feed ended with this error. Called at most once; nothing follows. */
        void failed(Throwable error);
    }

    /**
     * What to read and where to start.
     *
     * @param filterSubject the subjects to read, or {@code null} for the whole stream
     * @param startSequence the first stream sequence to deliver (1 = from the beginning)
     * @param lastPerSubject deliver only the last message of each subject first, then everything new
     */
    public record Start(String filterSubject, long startSequence, boolean lastPerSubject) {
    }

    private final Connection connection;
    private final JetStream jetStream;
    private final String stream;
    private final Duration heartbeat;
    private final Dispatcher dispatcher;
    private final Handler handler;
    private final Executor callbacks;
    private final Function<Runnable, Runnable> whenClosed;
    private final Function<String, RuntimeException> failure;
    private final ReentrantLock lock = new ReentrantLock();
    private JetStreamSubscription subscription;
    private Runnable cancelCloseWatch = () -> { };
    private long lastSeen;
    private long caughtUpAt = -1;
    private boolean caughtUp;
    private boolean closed;
    private volatile long pending;
    private volatile Thread deliveryThread;

    /**
     * A feed of {@code stream} for {@code handler}; nothing happens until {@link #start}.
     *
     * @param failure makes the exception for a feed that cannot start or loses its connection
     * @param whenClosed registers an action for when the connection closes for good; returns its canceller
     */
    public OrderedFeed(Connection connection, JetStream jetStream, String stream, Duration heartbeat,
            Executor callbacks, Function<Runnable, Runnable> whenClosed, Function<String, RuntimeException> failure,
            Handler handler) {
        this.connection = connection;
        this.jetStream = jetStream;
        this.stream = stream;
        this.heartbeat = heartbeat;
        this.callbacks = callbacks;
        this.whenClosed = whenClosed;
        this.failure = failure;
        this.handler = handler;
        this.dispatcher = connection.createDispatcher();
    }

    /** Creates the consumer and starts delivering; fails with the {@code failure} exception if it cannot. */
    public void start(Start start) {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().flowControl(heartbeat);
        if (start.lastPerSubject()) {
            config.deliverPolicy(DeliverPolicy.LastPerSubject);
        } else if (start.startSequence() > 1) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(start.startSequence());
        } else {
            config.deliverPolicy(DeliverPolicy.All);
        }
        PushSubscribeOptions options =
                PushSubscribeOptions.builder().stream(stream).ordered(true).configuration(config.build()).build();
        lock.lock();
        try {
            // Deliveries wait on the lock until the starting position is known.
            lastSeen = Math.max(0, start.startSequence() - 1);
            subscription = jetStream.subscribe(start.filterSubject(), dispatcher, this::onMessage, false, options);
            cancelCloseWatch = whenClosed.apply(this::connectionClosed);
            catchUpTo(subscription.getConsumerInfo());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closed = true;
            release();
            throw failure.apply("cannot read " + (start.filterSubject() == null ? "" : start.filterSubject() + " from ")
                    + stream + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Roughly how many messages are stored but not yet handed to the handler. */
    public long pending() {
        return Math.max(pending, dispatcher.getPendingMessageCount());
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == deliveryThread) {
            // Closed from inside the handler: a dispatcher cannot be stopped from its own thread.
            runLater(this::release);
        } else {
            release();
        }
    }

    /** With nothing pending at the start, the feed has caught up once the last message sent by then is handled. */
    private void catchUpTo(ConsumerInfo info) {
        if (info.getNumPending() > 0 || caughtUp) {
            return;
        }
        long deliveredUpTo = info.getDelivered().getStreamSequence();
        if (deliveredUpTo <= lastSeen) {
            markCaughtUp();
        } else {
            caughtUpAt = deliveredUpTo;
        }
    }

    private void onMessage(Message message) {
        deliveryThread = Thread.currentThread();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            NatsJetStreamMetaData meta = message.metaData();
            long sequence = meta.streamSequence();
            if (sequence <= lastSeen) {
                return;
            }
            lastSeen = sequence;
            pending = meta.pendingCount();
            try {
                handler.message(message);
            } catch (RuntimeException | Error e) {
                fail(e);
                return;
            }
            if (!caughtUp && !closed && (meta.pendingCount() == 0 || (caughtUpAt > 0 && sequence >= caughtUpAt))) {
                markCaughtUp();
            }
        } finally {
            lock.unlock();
        }
    }

    private void markCaughtUp() {
        caughtUp = true;
        handler.caughtUp();
    }

    private void connectionClosed() {
        runLater(() -> {
            lock.lock();
            try {
                fail(failure.apply("the NATS connection closed for good"));
            } finally {
                lock.unlock();
            }
        });
    }

    /** Ends with an error. Called with the lock held. */
    private void fail(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            handler.failed(error);
        } catch (RuntimeException e) {
            LOG.warn("a feed handler failed while being told of an error", e);
        }
        runLater(this::release);
    }

    /** Stops delivery and deletes the server-side consumer now rather than after its inactivity threshold. */
    private void release() {
        cancelCloseWatch.run();
        String consumer = subscription == null ? null : subscription.getConsumerName();
        try {
            connection.closeDispatcher(dispatcher);
            if (consumer != null) {
                connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + consumer, null);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.debug("feed already released", e);
        }
    }

    private void runLater(Runnable action) {
        try {
            callbacks.execute(action);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }
}
