package io.clstr.archfixtures.adapters.javalin.violation;

/** Deliberate violation: Micrometer outside its adapter. */
public final class UsesMicrometer {
    public io.micrometer.core.instrument.MeterRegistry registry;
}
