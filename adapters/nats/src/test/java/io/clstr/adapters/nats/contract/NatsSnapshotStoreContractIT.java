package io.clstr.adapters.nats.contract;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsSnapshotStore;
import io.clstr.adapters.nats.testing.NatsFixture;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.ports.out.snapshot.SnapshotStore;
import io.clstr.ports.out.snapshot.SnapshotStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The snapshot contract against a real nats-server, all tests on one bucket (their streams never clash). */
class NatsSnapshotStoreContractIT extends SnapshotStoreContract {

    private static final String BUCKET = UniqueNames.bucket("snapshots");
    private static NatsClient client;
    private static NatsSnapshotStore store;

    @BeforeAll
    static void connect() {
        client = NatsClient.connect(NatsFixture.shared().settings());
        store = NatsSnapshotStore.open(client, BUCKET, 1);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (client != null) {
            client.connection().keyValueManagement().delete(BUCKET);
            client.close();
        }
    }

    @Override
    protected SnapshotStore createStore() {
        return store;
    }
}
