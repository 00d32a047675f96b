package io.clstr.adapters.nats.internal;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.support.Status;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what the NATS client reports (never message contents) and tells interested parties when the
 * connection closes for good, so that long-running reads can end with an error instead of waiting forever.
 */
public final class ConnectionEvents implements ConnectionListener, ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.clstr.adapters.nats");

    private final CopyOnWriteArrayList<Runnable> onClosed = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> onDisconnected = new CopyOnWriteArrayList<>();

    /** Runs {@code action} once the connection is closed for good. Returns a handle that cancels it. */
    public Runnable whenClosed(Runnable action) {
        onClosed.add(action);
        return () -> onClosed.remove(action);
    }

    /**
     * Runs {@code action} whenever the connection drops (before it reconnects): replies and acknowledgements of
     * what was in flight will not come, and waiting for them would only hold callers up.
     */
    public Runnable whenDisconnected(Runnable action) {
        onDisconnected.add(action);
        return () -> onDisconnected.remove(action);
    }

    @Override
    public void connectionEvent(Connection connection, Events event) {
        switch (event) {
            case DISCONNECTED -> {
                LOG.warn("NATS connection lost; reconnecting");
                onDisconnected.forEach(ConnectionEvents::runQuietly);
            }
            case RECONNECTED -> LOG.info("NATS connection re-established to {}", connection.getConnectedUrl());
            case CLOSED -> {
                LOG.info("NATS connection closed");
                onClosed.forEach(ConnectionEvents::runQuietly);
            }
            case LAME_DUCK -> LOG.warn("NATS server {} is entering lame-duck mode", connection.getConnectedUrl());
            default -> LOG.debug("NATS connection event {}", event);
        }
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
        LOG.warn("NATS server reported an error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        LOG.warn("NATS client error", exception);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        LOG.warn("NATS slow consumer: {} messages pending in the client", consumer.getPendingMessageCount());
    }

    @Override
    public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription, long lastStreamSequence,
            long lastConsumerSequence) {
        LOG.info("JetStream heartbeat missed after stream sequence {}; the client recreates the consumer",
                lastStreamSequence);
    }

    @Override
    public void unhandledStatus(Connection connection, JetStreamSubscription subscription, Status status) {
        LOG.debug("unhandled JetStream status {}", status);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("a connection event handler failed", e);
        }
    }
}
