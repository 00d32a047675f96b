package io.clstr.ports.out.codec;

/**
 * Turns registered values into bytes and back, by their stored names in a {@link TypeCatalog}.
 * Decoding runs the upcasters of old names first. Unknown names and classes fail with
 * {@link UnknownTypeException}; malformed data fails with {@link CodecException}.
 */
public interface Codec {

    /** The value's stored name and bytes. */
    Encoded encode(Object value);

    /** The value stored under this name; old names are upcast to the current type. */
    Object decode(String type, byte[] data);

    /** Decodes and checks the result is an {@code expected}. */
    default <T> T decode(String type, byte[] data, Class<T> expected) {
        Object value = decode(type, data);
        if (!expected.isInstance(value)) {
            throw new CodecException("stored type '" + type + "' is not a " + expected.getSimpleName());
        }
        return expected.cast(value);
    }

    /** The catalog this codec works from. */
    TypeCatalog catalog();
}
