package io.clstr.archfixtures.domain.violation;

import java.time.Instant;

/** Deliberate violation: a decider reading the clock. */
public final class ClockReadingDecider {
    public Instant decideAt() {
        return Instant.now();
    }
}
