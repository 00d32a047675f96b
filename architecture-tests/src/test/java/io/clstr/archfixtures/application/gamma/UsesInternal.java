package io.clstr.archfixtures.application.gamma;

import io.clstr.archfixtures.application.delta.internal.Hidden;

/** Deliberate violation: reaching into another package's internals (and half of a cycle). */
public final class UsesInternal {
    public Hidden hidden;
}
