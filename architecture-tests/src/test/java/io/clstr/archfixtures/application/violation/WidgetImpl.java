package io.clstr.archfixtures.application.violation;

/** Deliberate violation: an Impl suffix. */
public class WidgetImpl {
}
