package io.clstr.application.gamma;

import io.clstr.application.delta.internal.Hidden;

/** Deliberate violation: reaching into another package's internals (and half of a cycle). */
public final class UsesInternal {
    public Hidden hidden;
}
