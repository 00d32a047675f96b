package io.clstr.ports.out.keyvalue;

import java.util.Objects;
import java.util.Optional;

/** A change seen by a watch: a key was written (value present) or deleted (value absent). */
public record KeyValueChange(String key, Optional<KeyValueEntry> entry, long revision) {

    public KeyValueChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(entry, "entry");
    }

    public boolean isDelete() {
        return entry.isEmpty();
    }
}
