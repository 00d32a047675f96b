package io.clstr.ports.out.transport;

/** A subscription to a subject. Closing it stops delivery of new messages. */
public interface TransportSubscription extends AutoCloseable {

    @Override
    void close();
}
