package io.clstr.ports.out.keyvalue;

import java.util.List;
import java.util.Optional;

/**
 * A key-value store with revisions (one "bucket").
 *
 * <p>Keys are paths: one or more non-empty segments joined by {@code /}, such as
 * {@code members/node-1}. Segments may hold any characters except {@code /} and control
 * characters; adapters encode what their technology cannot store. {@link #keys} lists by whole
 * segments, so {@code keys("a/")} finds {@code a/b} but not {@code ab}.
 *
 * <p>A store may be created with a maximum age: an entry not written for that long disappears.
 * Expiry is not reported to watches (so watchers must judge freshness themselves).
 *
 * <p>The contract is pinned by {@code KeyValueStoreContract} in this module's test-jar.
 */
public interface KeyValueStore {

    Optional<KeyValueEntry> get(String key);

    /** Writes unconditionally and returns the new revision. */
    long put(String key, byte[] value);

    /** Writes only if the key is absent (or deleted); otherwise fails with {@link KeyExistsException}. */
    long create(String key, byte[] value);

    /** Writes only if the key is at this revision; otherwise fails with {@link WrongRevisionException}. */
    long update(String key, byte[] value, long expectedRevision);

    /** Deletes the key (a no-op if absent). */
    void delete(String key);

    /** Deletes the key only if it is at this revision; otherwise fails with {@link WrongRevisionException}. */
    void delete(String key, long expectedRevision);

    /** Every present key under the prefix ({@code ""} or whole segments ending in {@code /}), sorted. */
    List<String> keys(String prefix);

    /**
     * Reports the present entries under the prefix, then every later write and delete, in order.
     */
    KeyValueWatch watch(String prefix, KeyValueListener listener);
}
