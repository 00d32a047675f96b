package io.clstr.domain.violation;

import io.clstr.ports.out.eventstore.StreamId;

/** Deliberate violation: the domain reaching out to a port. */
public record PortUsingValue(StreamId stream) {
}
