package io.clstr.adapters.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link NatsEventStore}.
 *
 * @param replicas copies of the event stream in a NATS cluster (1 on a single server, 3 for production
 *     clusters); applies when the store creates the stream
 * @param duplicateWindow how long the server remembers commit ids, so that a retried append is stored once
 * @param streamHeadCacheSize how many aggregates' last version and sequence are remembered; a writer whose
 *     aggregate is cached appends in one round trip
 * @param chainReadLimit reads of at most this many versions before an aggregate's last commit follow the
 *     commits' back-links with direct gets; longer reads use an ephemeral consumer
 * @param subscriptionHeartbeat idle heartbeat of subscription consumers; three missed heartbeats make the
 *     client recreate the consumer (for instance after the server restarted)
 */
public record NatsEventStoreSettings(
        int replicas,
        Duration duplicateWindow,
        int streamHeadCacheSize,
        int chainReadLimit,
        Duration subscriptionHeartbeat) {

    public NatsEventStoreSettings {
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5, got " + replicas);
        }
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
            throw new IllegalArgumentException("duplicateWindow must be positive");
        }
        if (streamHeadCacheSize < 1) {
            throw new IllegalArgumentException("streamHeadCacheSize must be positive");
        }
        if (chainReadLimit < 0) {
            throw new IllegalArgumentException("chainReadLimit must not be negative");
        }
        Objects.requireNonNull(subscriptionHeartbeat, "subscriptionHeartbeat");
        if (subscriptionHeartbeat.toMillis() < 100) {
            throw new IllegalArgumentException("subscriptionHeartbeat must be at least 100 ms");
        }
    }

    /** One replica, a 2-minute duplicate window, 50k cached heads, chain reads up to 128 versions, 2 s heartbeat. */
    public static NatsEventStoreSettings defaults() {
        return new NatsEventStoreSettings(1, Duration.ofMinutes(2), 50_000, 128, Duration.ofSeconds(2));
    }

    public NatsEventStoreSettings withReplicas(int count) {
        return new NatsEventStoreSettings(count, duplicateWindow, streamHeadCacheSize, chainReadLimit,
                subscriptionHeartbeat);
    }

    public NatsEventStoreSettings withStreamHeadCacheSize(int size) {
        return new NatsEventStoreSettings(replicas, duplicateWindow, size, chainReadLimit, subscriptionHeartbeat);
    }

    public NatsEventStoreSettings withChainReadLimit(int limit) {
        return new NatsEventStoreSettings(replicas, duplicateWindow, streamHeadCacheSize, limit,
                subscriptionHeartbeat);
    }

    public NatsEventStoreSettings withSubscriptionHeartbeat(Duration heartbeat) {
        return new NatsEventStoreSettings(replicas, duplicateWindow, streamHeadCacheSize, chainReadLimit, heartbeat);
    }
}
