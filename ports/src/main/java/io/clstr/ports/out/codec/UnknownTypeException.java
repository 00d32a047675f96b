package io.clstr.ports.out.codec;

/** A stored type name (or a class) that the catalog does not know. */
public class UnknownTypeException extends CodecException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public UnknownTypeException(String type) {
        super("unknown type '" + type + "': register it in the type catalog (or add an upcaster for it)");
        this.type = type;
    }

    public String type() {
        return type;
    }
}
