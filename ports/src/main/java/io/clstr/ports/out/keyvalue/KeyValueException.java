package io.clstr.ports.out.keyvalue;

/** A key-value store failure. */
public class KeyValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyValueException(String message) {
        super(message);
    }

    public KeyValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
