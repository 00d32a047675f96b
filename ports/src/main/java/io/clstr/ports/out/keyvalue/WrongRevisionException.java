package io.clstr.ports.out.keyvalue;

/** A compare-and-set found another revision than the expected one: someone else wrote the key. */
public class WrongRevisionException extends KeyValueException {

    private static final long serialVersionUID = 1L;

    public WrongRevisionException(String key, long expectedRevision) {
        super("key " + key + " is not at revision " + expectedRevision);
    }
}
