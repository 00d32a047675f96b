package io.clstr.application.violation;

/** Deliberate violation: an Impl suffix. */
public class WidgetImpl {
}
