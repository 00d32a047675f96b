package io.clstr.ports.out.eventstore;

/** A failure of the event store (other than a concurrency conflict, which is a subtype). */
public class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message) {
        super(message);
    }

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
