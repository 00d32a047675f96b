package io.clstr.ports.out.keyvalue;

/**
 * The store could not be reached at all (no connection to it), as opposed to a call that reached the store and
 * failed or timed out there. The cluster tells the two apart: a store that cannot take writes for a while is
 * the same for every node, while a node that cannot reach it is on its own.
 */
public class KeyValueUnreachableException extends KeyValueException {

    private static final long serialVersionUID = 1L;

    public KeyValueUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
