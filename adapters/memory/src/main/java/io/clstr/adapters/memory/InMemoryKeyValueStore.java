package io.clstr.adapters.memory;

import static io.clstr.adapters.memory.KeyPaths.requireKey;
import static io.clstr.adapters.memory.KeyPaths.requirePrefix;

import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link KeyValueStore} on the heap: the embedded default for membership, leases, checkpoints and read models.
 *
 * <p>It meets the whole port contract ({@code KeyValueStoreContract}). Writes are serialised by one lock and
 * numbered by one store-wide revision counter, so revisions order every write and delete; reads and listings
 * never lock. Watches run on their own daemon threads ({@code clstr-memory-kv-watch-N}) and read one shared
 * list of changes, so each change is stored once however many watches there are and only as long as a
 * watch still has to report it.
 *
 * <p>With a maximum age, an entry not written for that long (by the injected {@link Clock}) disappears: reads
 * and listings no longer see it at once, and the next operation that finds an expired entry purges every
 * expired one, oldest first, at constant cost each (entries expire in write order). Like NATS 2.9, expiry is
 * not reported to watches, so watchers must judge freshness themselves from {@link KeyValueEntry#updatedAt()}.
 *
 * <p>Values are copied on write, so callers may reuse their buffers; the arrays handed to readers are shared
 * and must not be modified. Everything is lost with the process.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentSkipListMap<String, KeyValueEntry> entries = new ConcurrentSkipListMap<>();
    /** Present entries from least to most recently written: the expiry order. Only with a max age. */
    private final LinkedHashMap<String, KeyValueEntry> byWriteTime = new LinkedHashMap<>();
    private final Object writeLock = new Object();
    private final Wakeups wakeups = new Wakeups();
    /** Guarded by writeLock. */
    private long revision;
    /** The latest change; watches follow the links from here. Written under writeLock. */
    private volatile KeyValueWatchThread.Change lastChange = new KeyValueWatchThread.Change(null);

    /** A store whose entries never expire, stamped by the system clock. */
    public InMemoryKeyValueStore() {
        this(Clock.systemUTC());
    }

    /** A store whose entries never expire, stamped by the given clock. */
    public InMemoryKeyValueStore(Clock clock) {
        this.maxAge = null;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store whose entries disappear when not written for {@code maxAge}, by the system clock. */
    public InMemoryKeyValueStore(Duration maxAge) {
        this(maxAge, Clock.systemUTC());
    }

    /** A store whose entries disappear when not written for {@code maxAge}, by the given clock. */
    public InMemoryKeyValueStore(Duration maxAge, Clock clock) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max age must be positive, got " + maxAge);
        }
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<KeyValueEntry> get(String key) {
        KeyValueEntry entry = entries.get(requireKey(key));
        if (entry != null && isExpired(entry, now())) {
            purgeExpired();
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    @Override
    public long put(String key, byte[] value) {
        requireKey(key);
        byte[] copy = value.clone();
        long written;
        synchronized (writeLock) {
            written = write(key, copy, purgeExpiredLocked());
        }
        wakeups.wakeAll();
        return written;
    }

    @Override
    public long create(String key, byte[] value) {
        requireKey(key);
        byte[] copy = value.clone();
        long written;
        synchronized (writeLock) {
            Instant now = purgeExpiredLocked();
            if (entries.containsKey(key)) {
                throw new KeyExistsException(key);
            }
            written = write(key, copy, now);
        }
        wakeups.wakeAll();
        return written;
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        requireKey(key);
        byte[] copy = value.clone();
        long written;
        synchronized (writeLock) {
            Instant now = purgeExpiredLocked();
            requireRevision(key, expectedRevision);
            written = write(key, copy, now);
        }
        wakeups.wakeAll();
        return written;
    }

    @Override
    public void delete(String key) {
        requireKey(key);
        synchronized (writeLock) {
            purgeExpiredLocked();
            if (entries.containsKey(key)) {
                remove(key);
            }
        }
        wakeups.wakeAll();
    }

    @Override
    public void delete(String key, long expectedRevision) {
        requireKey(key);
        synchronized (writeLock) {
            purgeExpiredLocked();
            requireRevision(key, expectedRevision);
            remove(key);
        }
        wakeups.wakeAll();
    }

    @Override
    public List<String> keys(String prefix) {
        requirePrefix(prefix);
        Instant now = now();
        List<String> keys = new ArrayList<>();
        boolean sawExpired = false;
        for (KeyValueEntry entry : entries.tailMap(prefix).values()) {
            if (!entry.key().startsWith(prefix)) {
                break;
            }
            if (isExpired(entry, now)) {
                sawExpired = true;
            } else {
                keys.add(entry.key());
            }
        }
        if (sawExpired) {
            purgeExpired();
        }
        return Collections.unmodifiableList(keys);
    }

    /**
     * Starts a watch on its own daemon thread: the entries present under the prefix in revision order, then
     * {@code onInitialValuesDone}, then every later write and delete under the prefix in revision order. Its
     * {@code close()} waits for a listener call running on another thread to return. A listener that throws
     * ends its watch (logged).
     */
    @Override
    public KeyValueWatch watch(String prefix, KeyValueListener listener) {
        requirePrefix(prefix);
        Objects.requireNonNull(listener, "listener");
        KeyValueWatchThread watch;
        synchronized (writeLock) {
            Instant now = purgeExpiredLocked();
            List<KeyValueEntry> present = new ArrayList<>();
            for (KeyValueEntry entry : entries.tailMap(prefix).values()) {
                if (!entry.key().startsWith(prefix)) {
                    break;
                }
                if (!isExpired(entry, now)) {
                    present.add(entry);
                }
            }
            present.sort(Comparator.comparingLong(KeyValueEntry::revision));
            watch = new KeyValueWatchThread(wakeups, prefix, listener, present, lastChange);
        }
        watch.start();
        return watch;
    }

    /** The number of watches whose threads are still running. */
    int runningWatches() {
        return wakeups.registered();
    }

    /** The number of entries held in memory, expired or not. */
    int storedEntries() {
        return entries.size();
    }

    private long write(String key, byte[] value, Instant now) {
        long written = ++revision;
        KeyValueEntry entry = new KeyValueEntry(key, value, written, now);
        entries.put(key, entry);
        if (maxAge != null) {
            byWriteTime.remove(key);
            byWriteTime.put(key, entry);
        }
        append(new KeyValueChange(key, Optional.of(entry), written));
        return written;
    }

    private void remove(String key) {
        entries.remove(key);
        byWriteTime.remove(key);
        long removed = ++revision;
        append(new KeyValueChange(key, Optional.empty(), removed));
    }

    private void append(KeyValueChange change) {
        KeyValueWatchThread.Change next = new KeyValueWatchThread.Change(change);
        lastChange.next = next;
        lastChange = next;
    }

    private void requireRevision(String key, long expectedRevision) {
        KeyValueEntry current = entries.get(key);
        if (current == null || current.revision() != expectedRevision) {
            throw new WrongRevisionException(key, expectedRevision);
        }
    }

    private void purgeExpired() {
        synchronized (writeLock) {
            purgeExpiredLocked();
        }
    }

    /** Removes expired entries, oldest first, and returns the time it judged them by. Holds writeLock. */
    private Instant purgeExpiredLocked() {
        Instant now = now();
        if (maxAge == null) {
            return now;
        }
        Iterator<Map.Entry<String, KeyValueEntry>> oldestFirst = byWriteTime.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, KeyValueEntry> oldest = oldestFirst.next();
            if (!isExpired(oldest.getValue(), now)) {
                break;
            }
            oldestFirst.remove();
            entries.remove(oldest.getKey());
        }
        return now;
    }

    private boolean isExpired(KeyValueEntry entry, Instant now) {
        return maxAge != null && !now.isBefore(entry.updatedAt().plus(maxAge));
    }

    private Instant now() {
        return clock.instant();
    }
}
