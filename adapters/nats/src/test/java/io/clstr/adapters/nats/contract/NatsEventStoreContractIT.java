package io.clstr.adapters.nats.contract;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsEventStore;
import io.clstr.adapters.nats.NatsEventStoreSettings;
import io.clstr.adapters.nats.testing.NatsFixture;
import io.clstr.adapters.nats.testing.UniqueNames;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.EventStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event store contract against a real nats-server; each test gets its own JetStream stream. */
class NatsEventStoreContractIT extends EventStoreContract {

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
    protected EventStore createStore() {
        return NatsEventStore.start(client, UniqueNames.natsNames(), NatsEventStoreSettings.defaults());
    }

    @Override
    protected void releaseStore(EventStore store) {
        NatsEventStore natsStore = (NatsEventStore) store;
        natsStore.close();
        try {
            client.management().deleteStream(natsStore.streamName());
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete the test stream " + natsStore.streamName(), e);
        }
    }
}
