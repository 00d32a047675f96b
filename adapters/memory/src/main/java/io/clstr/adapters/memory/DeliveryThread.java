package io.clstr.adapters.memory;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A daemon thread that reads a shared log and calls one listener, one call at a time: the engine behind
 * event-store subscriptions and key-value watches.
 *
 * <p>Reading on its own thread means a slow listener delays only itself, never writers or other readers, and
 * a listener may write to the store it listens to. {@link #close()} guarantees that no listener call starts
 * after it returns: it waits for a call running on another thread to finish (a listener that closes its own
 * reader does not wait). A listener that throws ends the reader; {@link #failed} decides what to report.
 */
abstract class DeliveryThread implements Runnable {

    private static final System.Logger LOG = System.getLogger(DeliveryThread.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final Thread thread;
    private final Wakeups wakeups;
    private final ReentrantLock callLock = new ReentrantLock();
    private volatile boolean closed;
    /** True while the thread is (about to be) parked in {@link Wakeups#sleepUnless}. */
    volatile boolean sleeping;

    DeliveryThread(String kind, Wakeups wakeups) {
        this.wakeups = wakeups;
        this.thread = new Thread(this, "clstr-memory-" + kind + "-" + IDS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Starts reading. Called once, after construction. */
    final void start() {
        wakeups.register(this);
        thread.start();
    }

    @Override
    public final void run() {
        try {
            deliver();
        } catch (RuntimeException | Error unexpected) {
            LOG.log(Level.ERROR, "reader " + thread.getName() + " stopped unexpectedly", unexpected);
        } finally {
            closed = true;
            wakeups.unregister(this);
            released();
        }
    }

    /** The read loop. Returns when {@link #call} or {@link #sleepUnless} report that the reader is closed. */
    abstract void deliver();

    /** Drops references to shared data once the thread has stopped. Does nothing by default. */
    void released() {
    }

    /** Reports a listener failure, to the listener if it has a way to hear it. Runs as the last call. */
    abstract void failed(Throwable failure);

    /**
     * Runs one listener call unless the reader is closed.
     *
     * @return false if the reader is closed (before or by this call), so the read loop must stop
     */
    final boolean call(Runnable listenerCall) {
        callLock.lock();
        try {
            if (closed) {
                return false;
            }
            try {
                listenerCall.run();
            } catch (Throwable failure) {
                closed = true;
                failed(failure);
                return false;
            }
            return !closed;
        } finally {
            callLock.unlock();
        }
    }

    /** Sleeps until {@code ready} may hold. Returns false if the reader is closed. */
    final boolean sleepUnless(BooleanSupplier ready) {
        if (closed) {
            return false;
        }
        wakeups.sleepUnless(this, ready);
        return !closed;
    }

    final boolean isClosed() {
        return closed;
    }

    final void wake() {
        LockSupport.unpark(thread);
    }

    final String threadName() {
        return thread.getName();
    }

    final boolean isAlive() {
        return thread.isAlive();
    }

    /** Stops delivery: after this returns, the listener is not called again. Idempotent. */
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            // Wait for a call in progress, so that none can start or still run once close returns.
            callLock.lock();
            callLock.unlock();
        }
        wake();
    }
}
