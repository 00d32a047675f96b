package io.clstr.ports.out.keyvalue;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored value with its revision. Revisions grow with every write to the store, so a
 * compare-and-set on the revision detects any write in between.
 */
public record KeyValueEntry(String key, byte[] value, long revision, Instant updatedAt) {

    public KeyValueEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
