package io.clstr.adapters.nats.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsKeyValueSettings;
import io.clstr.adapters.nats.NatsKeyValueStore;
import io.clstr.adapters.nats.testing.NatsFixture;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key-value contract against a real nats-server; each store is its own KV bucket. */
class NatsKeyValueStoreContractIT extends KeyValueStoreContract {

    private static NatsClient client;

    @BeforeAll
    static void connect() {
        client = NatsClient.connect(NatsFixture.shared().settings());
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
        NatsKeyValueStore.delete(client, natsStore.bucket());
    }

    @Test
    void deletes_a_bucket_with_its_entries_and_says_when_there_was_none() throws Exception {
        String bucket = UniqueNames.bucket("kv");
        try (NatsKeyValueStore store = NatsKeyValueStore.open(client, bucket, NatsKeyValueSettings.defaults())) {
            store.put("key", new byte[] {1});
        }

        assertThat(NatsKeyValueStore.delete(client, bucket)).isTrue();
        assertThat(client.connection().keyValueManagement().getBucketNames()).doesNotContain(bucket);
        assertThat(NatsKeyValueStore.delete(client, bucket)).isFalse();
    }
}
