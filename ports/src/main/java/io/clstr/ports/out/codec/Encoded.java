package io.clstr.ports.out.codec;

import java.util.Objects;

/** A value in stored form: its catalog name and its bytes. */
public record Encoded(String type, byte[] data) {

    public Encoded {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
