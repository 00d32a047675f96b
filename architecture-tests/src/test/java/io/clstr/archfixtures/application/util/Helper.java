package io.clstr.archfixtures.application.util;

/** Deliberate violation: a grab-bag package. */
public final class Helper {
    private Helper() {
    }
}
