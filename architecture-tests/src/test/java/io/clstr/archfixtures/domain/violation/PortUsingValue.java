package io.clstr.archfixtures.domain.violation;

import io.clstr.archfixtures.ports.out.violation.EventStorePort;

/** Deliberate violation: the domain reaching out to a port. */
public record PortUsingValue(EventStorePort store) {
}
