package io.clstr.adapters.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * How a key-value bucket is created when it does not exist yet.
 *
 * @param maxAge entries not written for this long disappear (bucket-level max age, which NATS 2.9 supports;
 *     per-key TTLs need 2.11 and are not used); {@link Duration#ZERO} keeps entries forever
 * @param replicas copies in a NATS cluster
 */
public record NatsKeyValueSettings(Duration maxAge, int replicas) {

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
    }

    /** Entries kept until deleted, one replica. */
    public static NatsKeyValueSettings defaults() {
        return new NatsKeyValueSettings(Duration.ZERO, 1);
    }

    public NatsKeyValueSettings withMaxAge(Duration age) {
        return new NatsKeyValueSettings(age, replicas);
    }

    public NatsKeyValueSettings withReplicas(int count) {
        return new NatsKeyValueSettings(maxAge, count);
    }
}
