package io.clstr.archfixtures.adapters.nats.violation;

import io.clstr.archfixtures.ports.out.violation.EventStorePort;

/** Deliberate violation: a NATS adapter not named Nats.... */
public abstract class EventStoreOnJetStream implements EventStorePort {
}
