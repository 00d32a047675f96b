package io.clstr.application.delta.internal;

/** An internal class, with the other half of a cycle. */
public final class Hidden {
    public io.clstr.application.gamma.UsesInternal back;
}
