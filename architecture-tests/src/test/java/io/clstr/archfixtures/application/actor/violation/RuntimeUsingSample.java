package io.clstr.archfixtures.application.actor.violation;

import io.clstr.archfixtures.application.order.violation.SampleService;

/** Deliberate violation: the generic runtime importing a sample. */
public final class RuntimeUsingSample {
    public SampleService sample;
}
