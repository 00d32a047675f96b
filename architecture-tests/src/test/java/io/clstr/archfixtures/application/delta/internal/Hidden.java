package io.clstr.archfixtures.application.delta.internal;

/** An internal class, with the other half of a cycle. */
public final class Hidden {
    public io.clstr.archfixtures.application.gamma.UsesInternal back;
}
