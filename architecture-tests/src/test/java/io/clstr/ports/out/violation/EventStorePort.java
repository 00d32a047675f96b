package io.clstr.ports.out.violation;

/** Deliberate violation: a technical suffix, and a driven port using a driving port. */
public interface EventStorePort {
    io.clstr.ports.in.violation.OrderService service();
}
