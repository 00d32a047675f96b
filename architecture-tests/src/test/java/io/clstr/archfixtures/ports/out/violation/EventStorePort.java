package io.clstr.archfixtures.ports.out.violation;

/**
 * Deliberate violation: a technical suffix, and a driven port using a driving port. It is also the driven port the
 * adapter and domain fixtures use, so that the fixtures depend on fixtures only.
 */
public interface EventStorePort {
    io.clstr.archfixtures.ports.in.violation.OrderService service();
}
