package io.clstr.adapters.memory;

import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueStoreContract;
import java.time.Duration;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract {

    @Override
    protected KeyValueStore createStore() {
        return new InMemoryKeyValueStore();
    }

    @Override
    protected KeyValueStore createStore(Duration maxAge) {
        return new InMemoryKeyValueStore(maxAge);
    }
}
