package io.clstr.application.eventsourcing;

import java.util.Objects;

/** A state and the version it reflects (0 = no events yet). */
public record Versioned<S>(S state, long version) {

    public Versioned {
        Objects.requireNonNull(state, "state");
    }

    public boolean exists() {
        return version > 0;
    }
}
