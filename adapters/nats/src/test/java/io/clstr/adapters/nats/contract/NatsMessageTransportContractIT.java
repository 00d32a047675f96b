package io.clstr.adapters.nats.contract;

import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsMessageTransport;
import io.clstr.adapters.nats.testing.NatsFixture;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.MessageTransportContract;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The transport contract against a real nats-server; every node has its own connection, like a process. */
class NatsMessageTransportContractIT extends MessageTransportContract {

    private final Map<MessageTransport, NatsClient> clients = new ConcurrentHashMap<>();

    @Override
    protected MessageTransport createTransport() {
        NatsClient client = NatsClient.connect(NatsFixture.shared().settings());
        NatsMessageTransport transport = new NatsMessageTransport(client);
        clients.put(transport, client);
        return transport;
    }

    @Override
    protected void closeTransport(MessageTransport transport) {
        transport.close();
        NatsClient client = clients.remove(transport);
        if (client != null) {
            client.close();
        }
    }
}
