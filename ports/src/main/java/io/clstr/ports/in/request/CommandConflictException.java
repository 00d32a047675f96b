package io.clstr.ports.in.request;

/**
 * Another writer changed the aggregate while the command was decided, and the retry conflicted too.
 * Nothing of this command was stored; retrying with the same command id is safe.
 */
public class CommandConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandConflictException(String message) {
        super(message);
    }
}
