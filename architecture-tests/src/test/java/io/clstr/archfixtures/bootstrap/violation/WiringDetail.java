package io.clstr.archfixtures.bootstrap.violation;

/** A bootstrap class, used from the application fixture above (a layering and cycle violation). */
public final class WiringDetail {
    public io.clstr.archfixtures.application.violation.LeakyService service;
}
