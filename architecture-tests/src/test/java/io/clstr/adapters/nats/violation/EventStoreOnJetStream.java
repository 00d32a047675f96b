package io.clstr.adapters.nats.violation;

import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.util.List;
import java.util.Optional;

/** Deliberate violation: a NATS adapter not named Nats.... */
public abstract class EventStoreOnJetStream implements KeyValueStore {
    @Override
    public Optional<KeyValueEntry> get(String key) {
        return Optional.empty();
    }

    @Override
    public List<String> keys(String prefix) {
        return List.of();
    }

    @Override
    public KeyValueWatch watch(String prefix, KeyValueListener listener) {
        return () -> { };
    }
}
