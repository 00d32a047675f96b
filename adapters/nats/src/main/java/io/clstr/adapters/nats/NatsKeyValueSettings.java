package io.clstr.adapters.nats;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a key-value bucket is created when it does not exist yet.
 *
 * @param maxAge entries not written for this long disappear (bucket-level max age, which NATS 2.9 supports;
 *     per-key TTLs need 2.11 and are not used); {@link Duration#ZERO} keeps entries forever
 * @param replicas copies in a NATS cluster
 * @param history revisions kept per key (1 to 64). A watch that falls behind a key by more than this many
 *     writes sees only the later ones, because the older revisions are gone; 64 (the NATS maximum) makes that
 *     unlikely for watches that keep up at all
 * @param requestTimeout how long one call may wait for the server; empty for the client's request timeout.
 *     The cluster's control plane uses a short one, so a call stuck on a server that died never holds it up
 */
public record NatsKeyValueSettings(Duration maxAge, int replicas, int history, Optional<Duration> requestTimeout) {

    /** The most revisions per key a JetStream KV bucket keeps. */
    public static final int MAX_HISTORY = 64;

    public NatsKeyValueSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        if (!maxAge.isZero() && maxAge.toMillis() < 100) {
            throw new IllegalArgumentException("maxAge must be at least 100 ms (or zero for none)");
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5, got " + replicas);
        }
        if (history < 1 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("history must be 1 to " + MAX_HISTORY + ", got " + history);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        requestTimeout.ifPresent(timeout -> {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, got " + timeout);
            }
        });
    }

    /** Entries kept until deleted, one replica, {@value #MAX_HISTORY} revisions per key, the client's timeout. */
    public static NatsKeyValueSettings defaults() {
        return new NatsKeyValueSettings(Duration.ZERO, 1, MAX_HISTORY, Optional.empty());
    }

    public NatsKeyValueSettings withMaxAge(Duration age) {
        return new NatsKeyValueSettings(age, replicas, history, requestTimeout);
    }

    public NatsKeyValueSettings withReplicas(int count) {
        return new NatsKeyValueSettings(maxAge, count, history, requestTimeout);
    }

    public NatsKeyValueSettings withHistory(int revisions) {
        return new NatsKeyValueSettings(maxAge, replicas, revisions, requestTimeout);
    }

    public NatsKeyValueSettings withRequestTimeout(Duration timeout) {
        return new NatsKeyValueSettings(maxAge, replicas, history, Optional.of(timeout));
    }
}
