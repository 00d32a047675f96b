package io.clstr.adapters.jackson.internal;

/** Decodes the data of one stored type name, current or old. */
public interface StoredTypeDecoder {

    /** The current value the data stands for; never null. */
    Object decode(byte[] data);
}
