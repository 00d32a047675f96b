package io.clstr.domain.kernel.violation;

import io.clstr.domain.violation.ClockReadingDecider;

/** Deliberate violation: the kernel depending on a particular aggregate. */
public final class KernelKnowingASample {
    public ClockReadingDecider decider;
}
