package io.clstr.ports.out.keyvalue;

/** {@link KeyValueStore#create} found the key already present. */
public class KeyExistsException extends KeyValueException {

    private static final long serialVersionUID = 1L;

    public KeyExistsException(String key) {
        super("key already exists: " + key);
    }
}
