package io.clstr.adapters.memory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Lets reader threads sleep until a writer publishes something new.
 *
 * <p>Writers call {@link #wakeAll()} after publishing; it costs one volatile read while no reader sleeps, so
 * busy readers cost writers nothing. A reader announces itself before re-checking for news and only then
 * parks, and a writer publishes before looking for sleepers, so a wake-up is never lost.
 */
final class Wakeups {

    private final CopyOnWriteArrayList<DeliveryThread> readers = new CopyOnWriteArrayList<>();
    private final AtomicInteger sleeping = new AtomicInteger();

    void register(DeliveryThread reader) {
        readers.add(reader);
    }

    void unregister(DeliveryThread reader) {
        readers.remove(reader);
    }

    int registered() {
        return readers.size();
    }

    /** Parks the calling reader unless {@code ready} holds; returns on news, on a wake-up or spuriously. */
    void sleepUnless(DeliveryThread reader, BooleanSupplier ready) {
        sleeping.incrementAndGet();
        reader.sleeping = true;
        try {
            if (!ready.getAsBoolean() && !reader.isClosed()) {
                LockSupport.park(this);
            }
        } finally {
            reader.sleeping = false;
            sleeping.decrementAndGet();
        }
    }

    /** Wakes every sleeping reader. Call after publishing. */
    void wakeAll() {
        if (sleeping.get() == 0) {
            return;
        }
        for (DeliveryThread reader : readers) {
            if (reader.sleeping) {
                reader.wake();
            }
        }
    }
}
