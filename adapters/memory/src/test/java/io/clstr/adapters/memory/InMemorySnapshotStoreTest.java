package io.clstr.adapters.memory;

import io.clstr.ports.out.snapshot.SnapshotStore;
import io.clstr.ports.out.snapshot.SnapshotStoreContract;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {

    @Override
    protected SnapshotStore createStore() {
        return new InMemorySnapshotStore();
    }
}
