package io.clstr.adapters.jackson.parcel;

import java.time.OffsetDateTime;
import java.util.Objects;

/** Who took a parcel in, on their local clock. */
public record Signature(String signedBy, OffsetDateTime signedAt) {

    public Signature {
        Objects.requireNonNull(signedBy, "signedBy");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
