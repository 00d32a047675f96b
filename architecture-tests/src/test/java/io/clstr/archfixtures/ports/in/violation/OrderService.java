package io.clstr.archfixtures.ports.in.violation;

/** Deliberate violation: a driving port not named UseCase/Query that uses a driven port. */
public interface OrderService {
    io.clstr.archfixtures.ports.out.violation.EventStorePort store();
}
