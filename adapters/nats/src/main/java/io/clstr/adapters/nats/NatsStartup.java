package io.clstr.adapters.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a setup step against NATS (connecting, creating a stream or bucket), retrying with growing pauses while
 * NATS is not there yet: no server answering, no JetStream meta leader, a stream leader being elected (a
 * fresh three-server cluster takes seconds for each), too few servers up to place the replicas. Each wait is logged with what it waits for. What waiting
 * cannot fix (refused credentials, a stream unfit to hold events) fails at once.
 */
public final class NatsStartup {

    private static final Logger LOG = LoggerFactory.getLogger(NatsStartup.class);
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 5_000;
    private static final int NO_SUITABLE_PEERS = 10005;

    private NatsStartup() {
    }

    /**
     * The step's result, once it succeeds within {@code bound}; else the step's last failure.
     *
     * @param what what the step does, for the log ("creating the event stream clstr_EVENTS")
     */
    public static <T> T retrying(String what, Duration bound, Supplier<T> step) {
        long deadline = System.nanoTime() + bound.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                long left = deadline - System.nanoTime();
                if (!worthWaiting(e) || left < pause * 1_000_000) {
                    throw e;
                }
                LOG.warn("waiting for NATS: {} failed ({}); trying again in {} ms, for up to {} s more", what,
                        e.getMessage(), pause, left / 1_000_000_000);
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    /** Timeouts, refused connections and "not available yet" answers pass; refusals of what was asked do not. */
    static boolean worthWaiting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof SSLException || message.contains("authorization")
                    || message.contains("authentication")) {
                return false;
            }
            if (cause instanceof JetStreamApiException api) {
                // 503: JetStream has no leader for this yet. 10005: fewer servers are up than the replicas asked
                // for, as in a cluster whose servers are still starting. Anything else answers the request.
                return api.getErrorCode() == 503 || api.getApiErrorCode() == NO_SUITABLE_PEERS;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsConnectException("interrupted while waiting for NATS", e);
        }
    }
}
