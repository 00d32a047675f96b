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
 *
 * <p>A reader that has caught up first naps for half a millisecond without announcing itself, and asks to be
 * woken only if nothing arrived meanwhile. Under a steady stream of writes it then reads in batches and writers
 * never wake it: a wake-up per write cost a system call on the writer and a thread switch on the reader for
 * every commit. The price is up to one nap of delay before a reader sees a write.
 */
final class Wakeups {

    private static final long NAP_NANOS = 500_000;

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

    /** Naps, then parks the calling reader unless {@code ready} holds; returns on news, on a wake-up or spuriously. */
    void sleepUnless(DeliveryThread reader, BooleanSupplier ready) {
        LockSupport.parkNanos(this, NAP_NANOS);
        if (ready.getAsBoolean() || reader.isClosed()) {
            return;
        }
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
