package io.clstr.bootstrap.config;

import java.util.Locale;

/** Where a node keeps its events, snapshots and read models. */
public enum BackendKind {
    /** Everything in this process's memory: nothing to set up, nothing survives a restart. */
    MEMORY,
    /** NATS JetStream: durable, shared by the nodes of a cluster. */
    NATS;

    /** The name used in settings: {@code memory} or {@code nats}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
