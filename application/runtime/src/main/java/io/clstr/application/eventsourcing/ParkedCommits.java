package io.clstr.application.eventsourcing;

import io.clstr.application.eventsourcing.internal.ParkedCommitFormat;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commits each projection has parked, in a key-value store under {@code parked/<projection>/<position>}.
 * Positions are written with 19 digits, zero-padded, so the store's sorted key listing is position order.
 * Entries hold the commit's coordinates and the error, never event data. Thread-safe.
 */
public final class ParkedCommits {

    /** The key prefix of parked commits. */
    public static final String PREFIX = "parked/";

    private final KeyValueStore store;

    public ParkedCommits(KeyValueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The key of a parked commit. */
    public static String key(String projection, long position) {
        if (position < 1) {
            throw new IllegalArgumentException("position must be >= 1, got " + position);
        }
        return prefix(projection) + String.format("%019d", position);
    }

    /** Records (or replaces) a parked commit. */
    public void park(ParkedCommit parked) {
        store.put(key(parked.projection(), parked.position()), ParkedCommitFormat.write(parked));
    }

    /** The parked commit at this position, if there is one. */
    public Optional<ParkedCommit> get(String projection, long position) {
        return store.get(key(projection, position)).map(entry -> ParkedCommitFormat.read(projection, entry.value()));
    }

    /** Every parked commit of the projection, in position order. */
    public List<ParkedCommit> list(String projection) {
        List<String> keys = store.keys(prefix(projection));
        List<ParkedCommit> parked = new ArrayList<>(keys.size());
        for (String key : keys) {
            Optional<KeyValueEntry> entry = store.get(key); // may be gone if retried meanwhile
            entry.ifPresent(found -> parked.add(ParkedCommitFormat.read(projection, found.value())));
        }
        return parked;
    }

    /** Forgets a parked commit (a no-op if it is not parked). */
    public void remove(String projection, long position) {
        store.delete(key(projection, position));
    }

    /** Forgets every parked commit of the projection, before a rebuild. */
    public void clear(String projection) {
        for (String key : store.keys(prefix(projection))) {
            store.delete(key);
        }
    }

    private static String prefix(String projection) {
        return PREFIX + Projection.requireValidName(projection) + "/";
    }
}
