package io.clstr.adapters.nats.contract;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsKeyValueSettings;
import io.clstr.adapters.nats.NatsKeyValueStore;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The key-value contract against a real nats-server; each store is its own KV bucket. */
class NatsKeyValueStoreContractIT extends KeyValueStoreContract {

    private static NatsClient client;

    @BeforeAll
    static void connect() {
        client = NatsClient.connect(NatsServer.shared().settings());
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected KeyValueStore createStore() {
        return NatsKeyValueStore.open(client, UniqueNames.bucket("kv"), NatsKeyValueSettings.defaults());
    }

    @Override
    protected KeyValueStore createStore(Duration maxAge) {
        return NatsKeyValueStore.open(client, UniqueNames.bucket("kv"), NatsKeyValueSettings.defaults().withMaxAge(maxAge));
    }

    @Override
    protected void releaseStore(KeyValueStore store) {
        NatsKeyValueStore natsStore = (NatsKeyValueStore) store;
        natsStore.close();
        try {
            client.connection().keyValueManagement().delete(natsStore.bucket());
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete the test bucket " + natsStore.bucket(), e);
        }
    }
}
