package io.clstr.archfixtures.application.order.violation;

/** A sample-package class used by the violation above. */
public final class SampleService {
}
