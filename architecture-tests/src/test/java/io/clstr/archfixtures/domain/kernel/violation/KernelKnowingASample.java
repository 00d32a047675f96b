package io.clstr.archfixtures.domain.kernel.violation;

import io.clstr.archfixtures.domain.violation.ClockReadingDecider;

/** Deliberate violation: the kernel depending on a particular aggregate. */
public final class KernelKnowingASample {
    public ClockReadingDecider decider;
}
