package io.clstr.ports.in.request;

/**
 * The command's events are larger than the event store takes in one append. Nothing was stored, and a retry
 * cannot succeed: the request must be made smaller (fewer or shorter values).
 */
public class CommandTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CommandTooLargeException(String message) {
        super(message);
    }
}
