package io.clstr.bootstrap.loadtest;

import io.clstr.ports.StageFailures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends increments, retrying failed attempts with the same command id, which the cluster deduplicates.
 *
 * <p>Closed loop ({@link #start}): a fixed number of "users", each sending an increment, waiting for it to be
 * acknowledged, then sending the next; latency runs from the first attempt to the acknowledgement. Open loop
 * ({@link #startAtRate}): increments fall due on a fixed schedule whatever the replies do, at most a given
 * number in flight (the rest wait their turn); latency runs from when an increment was due, so a slow reply
 * shows in the latency of everything it held up instead of just lowering the rate (no coordinated omission).
 */
final class LoadGenerator {

    private static final long RETRY_DELAY_MILLIS = 10;

    private final Increments target;
    private final int keys;
    private final ScheduledExecutorService retries;
    private final AtomicLongArray acknowledged;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final LongAdder acknowledgedTotal = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder latencies = new Recorder(3);
    private volatile boolean running = true;
    private CountDownLatch finished;
    private Semaphore inFlight;
    private int maxInFlight;
    private Thread pacer;

    LoadGenerator(Increments target, int keys, ScheduledExecutorService retries) {
        this.target = target;
        this.keys = keys;
        this.retries = retries;
        this.acknowledged = new AtomicLongArray(keys);
    }

    /**
     * This run's counter for {@code key}. Counters and command ids carry the run's id, so a run against nodes that
     * keep an earlier run's counters starts them from zero and never replays that run's commands.
     */
    String counterId(int key) {
        return "load-" + run + "-" + key;
    }

    List<String> counterIds() {
        return IntStream.range(0, keys).mapToObj(this::counterId).toList();
    }

    /** Starts {@code users} loops; returns at once. */
    void start(int users) {
        finished = new CountDownLatch(users);
        for (int user = 0; user < users; user++) {
            new User(user).next();
        }
    }

    /**
     * Starts {@code perSecond} increments a second, evenly spaced, on random counters, with at most
     * {@code maxInFlight} in flight; returns at once.
     */
    void startAtRate(int perSecond, int maxInFlight) {
        this.maxInFlight = maxInFlight;
        inFlight = new Semaphore(maxInFlight);
        pacer = new Thread(() -> pace(perSecond), "loadtest-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace(int perSecond) {
        Random random = new Random(0);
        long start = System.nanoTime();
        double interval = 1e9 / perSecond;
        try {
            for (long n = 0; running; n++) {
                long due = start + (long) (n * interval);
                long early = due - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                inFlight.acquire();
                if (!running) {
                    inFlight.release();
                    return;
                }
                int key = random.nextInt(keys);
                CompletableFuture<Void> done = new CompletableFuture<>();
                done.whenComplete((ignored, error) -> inFlight.release());
                attempt(key, run + "-r-" + n, due, done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending new increments and waits up to {@code timeout} for the ones in flight; returns how many remain. */
    long drain(Duration timeout) throws InterruptedException {
        running = false;
        if (pacer != null) {
            pacer.join(timeout.toMillis());
            return inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS) ? 0
                    : maxInFlight - inFlight.availablePermits();
        }
        finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return finished.getCount();
    }

    long acknowledged() {
        return acknowledgedTotal.sum();
    }

    long retries() {
        return retried.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    /** Acknowledged increments per counter id. */
    Map<String, Long> acknowledgedPerCounter() {
        Map<String, Long> counts = new TreeMap<>();
        for (int key = 0; key < keys; key++) {
            if (acknowledged.get(key) > 0) {
                counts.put(counterId(key), acknowledged.get(key));
            }
        }
        return counts;
    }

    /** The latencies recorded since the last call (microseconds), with the interval's start and end times. */
    Histogram intervalLatencies() {
        return latencies.getIntervalHistogram();
    }

    private final class User {
        private final int id;
        private final Random random;
        private long sequence;

        User(int id) {
            this.id = id;
            this.random = new Random(id);
        }

        /** Sends increments until stopped, looping instead of recursing when replies come back at once. */
        void next() {
            while (running) {
                int key = random.nextInt(keys);
                String commandId = run + "-u" + id + "-" + sequence++;
                CompletableFuture<Void> done = new CompletableFuture<>();
                attempt(key, commandId, System.nanoTime(), done);
                if (!done.isDone()) {
                    done.whenComplete((ignored, error) -> next());
                    return;
                }
            }
            finished.countDown();
        }
    }

    private void attempt(int key, String commandId, long started, CompletableFuture<Void> done) {
        CompletableFuture<Void> sent;
        try {
            sent = target.increment(counterId(key), commandId).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ignored, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet(key);
                acknowledgedTotal.increment();
                latencies.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                done.complete(null);
                return;
            }
            Throwable cause = StageFailures.causeOf(error);
            String kind = cause instanceof LoadTarget.RetryableException retryable
                    ? retryable.kind() : cause.getClass().getSimpleName();
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            retried.increment();
            // Every failure is retried with the same command id: the cluster stores it at most once.
            retries.schedule(() -> attempt(key, commandId, started, done), RETRY_DELAY_MILLIS,
                    TimeUnit.MILLISECONDS);
        });
    }
}
