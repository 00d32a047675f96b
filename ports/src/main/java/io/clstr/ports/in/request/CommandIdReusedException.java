package io.clstr.ports.in.request;

/**
 * The command id (the HTTP {@code Idempotency-Key}) was first used for a different request: a retry must repeat
 * its request exactly, and a new request needs a new id. Nothing was done; the first request's outcome stands.
 */
public class CommandIdReusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CommandIdReusedException(String message) {
        super(message);
    }
}
