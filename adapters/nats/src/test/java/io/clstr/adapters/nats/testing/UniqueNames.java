package io.clstr.adapters.nats.testing;

import io.clstr.adapters.nats.NatsNames;
import java.util.UUID;

/** Names no other test uses, so tests can share one server. */
public final class UniqueNames {

    private UniqueNames() {
    }

    /** A fresh prefix: its own event stream, subjects and buckets. */
    public static NatsNames natsNames() {
        return NatsNames.withPrefix("t" + tag());
    }

    /** A fresh KV bucket name. */
    public static String bucket(String purpose) {
        return purpose + "-" + tag();
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
