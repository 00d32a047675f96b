package io.clstr.ports.out.eventstore;

/** A running subscription to the global feed. */
public interface Subscription extends AutoCloseable {

    /** Roughly how many matching commits are stored but not yet delivered. */
    long pending();

    /** Stops delivery. After this returns, the listener is not called again. */
    @Override
    void close();
}
