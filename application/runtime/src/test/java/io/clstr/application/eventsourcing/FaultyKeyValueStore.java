package io.clstr.application.eventsourcing;

import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key-value store for tests: delegates to a real one, counts the writes under one key prefix, and can fail
 * them, as a process that dies between two writes would leave things.
 */
final class FaultyKeyValueStore implements KeyValueStore {

    private final KeyValueStore delegate;
    private final String watchedPrefix;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean failing;

    FaultyKeyValueStore(KeyValueStore delegate, String watchedPrefix) {
        this.delegate = delegate;
        this.watchedPrefix = watchedPrefix;
    }

    /** From now on, writes under the prefix fail. */
    void failWrites() {
        failing = true;
    }

    void healWrites() {
        failing = false;
    }

    /** Successful writes under the prefix so far. */
    int writes() {
        return writes.get();
    }

    @Override
    public Optional<KeyValueEntry> get(String key) {
        return delegate.get(key);
    }

    @Override
    public long put(String key, byte[] value) {
        checkWrite(key);
        return counted(key, delegate.put(key, value));
    }

    @Override
    public long create(String key, byte[] value) {
        checkWrite(key);
        return counted(key, delegate.create(key, value));
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        checkWrite(key);
        return counted(key, delegate.update(key, value, expectedRevision));
    }

    @Override
    public void delete(String key) {
        checkWrite(key);
        delegate.delete(key);
    }

    @Override
    public void delete(String key, long expectedRevision) {
        checkWrite(key);
        delegate.delete(key, expectedRevision);
    }

    @Override
    public List<String> keys(String prefix) {
        return delegate.keys(prefix);
    }

    @Override
    public KeyValueWatch watch(String prefix, KeyValueListener listener) {
        return delegate.watch(prefix, listener);
    }

    private void checkWrite(String key) {
        if (failing && key.startsWith(watchedPrefix)) {
            throw new KeyValueException("injected failure writing " + key);
        }
    }

    private long counted(String key, long revision) {
        if (key.startsWith(watchedPrefix)) {
            writes.incrementAndGet();
        }
        return revision;
    }
}
