package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.EventStoreContract;

class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
