package io.clstr.archfixtures.adapters.jackson.violation;

import io.clstr.archfixtures.ports.out.violation.EventStorePort;

/** Deliberate violation: a Jackson adapter not named Jackson.... */
public abstract class JsonCodec implements EventStorePort {
}
