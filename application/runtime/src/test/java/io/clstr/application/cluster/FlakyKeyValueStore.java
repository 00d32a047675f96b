package io.clstr.application.cluster;

import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueUnreachableException;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A key-value store whose calls fail the way a networked one does: before the store applied them, after it
 * applied them (a timeout whose write went through), or after stalling; one call at a time on cue, at random
 * from a seed, or every call while the store is down or unreachable.
 */
final class FlakyKeyValueStore implements KeyValueStore {

    /** How one call fails. */
    enum Fault {
        /** Fails without touching the store. */
        BEFORE,
        /** Applies the call, then fails as a timeout would: the caller cannot tell it went through. */
        AFTER,
        /** Waits a while, then applies the call normally. */
        STALL
    }

    /** The operations, as {@link #failNext} names them. */
    enum Operation { GET, PUT, CREATE, UPDATE, DELETE, DELETE_REVISION, KEYS }

    private final KeyValueStore delegate;
    private final Map<Operation, Deque<Fault>> cued = new ConcurrentHashMap<>();
    private volatile Random random;
    private volatile double failureRate;
    private volatile boolean down;
    private volatile boolean unreachable;
    private volatile long stallNanos = 300_000_000L;
    private volatile BiConsumer<Operation, String> beforeCall = (operation, key) -> { };

    FlakyKeyValueStore(KeyValueStore delegate) {
        this.delegate = delegate;
    }

    /** The next call of {@code operation} fails this way (cues queue up). */
    void failNext(Operation operation, Fault fault) {
        cued.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(fault);
    }

    /** From now on each call fails with this probability, half before and half after applying it. */
    void failAtRandom(long seed, double rate) {
        random = new Random(seed);
        failureRate = rate;
    }

    void stopFailing() {
        failureRate = 0;
    }

    /** Every call fails (reached, but not applied: the store takes no calls, as during a leader election). */
    void down(boolean value) {
        down = value;
    }

    /** Every call fails as unreachable (no connection at all). */
    void unreachable(boolean value) {
        unreachable = value;
    }

    /** Runs before each call, with its operation and key (the prefix for a listing). */
    void beforeCall(BiConsumer<Operation, String> hook) {
        beforeCall = hook;
    }

    @Override
    public Optional<KeyValueEntry> get(String key) {
        return call(Operation.GET, key, () -> delegate.get(key));
    }

    @Override
    public long put(String key, byte[] value) {
        return call(Operation.PUT, key, () -> delegate.put(key, value));
    }

    @Override
    public long create(String key, byte[] value) {
        return call(Operation.CREATE, key, () -> delegate.create(key, value));
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        return call(Operation.UPDATE, key, () -> delegate.update(key, value, expectedRevision));
    }

    @Override
    public void delete(String key) {
        call(Operation.DELETE, key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public void delete(String key, long expectedRevision) {
        call(Operation.DELETE_REVISION, key, () -> {
            delegate.delete(key, expectedRevision);
            return null;
        });
    }

    @Override
    public List<String> keys(String prefix) {
        return call(Operation.KEYS, prefix, () -> delegate.keys(prefix));
    }

    @Override
    public KeyValueWatch watch(String prefix, KeyValueListener listener) {
        return delegate.watch(prefix, listener);
    }

    private <T> T call(Operation operation, String key, Supplier<T> body) {
        beforeCall.accept(operation, key);
        if (unreachable) {
            throw new KeyValueUnreachableException(operation + " failed: not connected", null);
        }
        if (down) {
            throw new KeyValueException(operation + " failed: the store takes no calls");
        }
        Fault fault = next(operation);
        if (fault == null) {
            return body.get();
        }
        switch (fault) {
            case BEFORE:
                throw new KeyValueException(operation + " failed before it was applied");
            case AFTER:
                body.get();
                throw new KeyValueException(operation + " timed out (it was applied)");
            default:
                LockSupport.parkNanos(stallNanos);
                return body.get();
        }
    }

    private Fault next(Operation operation) {
        Deque<Fault> queue = cued.get(operation);
        if (queue != null) {
            synchronized (queue) {
                Fault fault = queue.poll();
                if (fault != null) {
                    return fault;
                }
            }
        }
        Random current = random;
        if (current != null && failureRate > 0) {
            synchronized (current) {
                if (current.nextDouble() < failureRate) {
                    return current.nextBoolean() ? Fault.BEFORE : Fault.AFTER;
                }
            }
        }
        return null;
    }
}
