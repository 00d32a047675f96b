package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.MessageTransportContract;

class InMemoryMessageTransportTest extends MessageTransportContract {

    private final InMemoryNetwork network = new InMemoryNetwork();

    @Override
    protected MessageTransport createTransport() {
        return network.connect();
    }
}
