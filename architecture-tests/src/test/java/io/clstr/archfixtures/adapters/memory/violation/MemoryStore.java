package io.clstr.archfixtures.adapters.memory.violation;

import io.clstr.archfixtures.ports.out.violation.EventStorePort;

/** Deliberate violation: a memory adapter not named InMemory..., depending on another adapter and the application. */
public abstract class MemoryStore implements EventStorePort {
    public io.clstr.archfixtures.adapters.nats.violation.EventStoreOnJetStream other;
    public io.clstr.archfixtures.application.violation.WidgetImpl widget;
}
