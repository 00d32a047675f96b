package io.clstr.application.eventsourcing;

import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The consumer side of {@link EventSourcingMetrics}, remembered for assertions. Thread-safe. */
final class RecordingEventSourcingMetrics implements EventSourcingMetrics {

    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> lags = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reconnects = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();

    @Override
    public void consumerEvent(String eventType, boolean live, boolean success, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative duration " + nanos);
        }
        count(events, key(eventType, live, success));
    }

    /** The supplier registered last wins, as in the Micrometer adapter: a restarted runner replaces the old one. */
    @Override
    public void registerConsumerLag(String consumer, LongSupplier lag) {
        lags.put(consumer, lag);
    }

    @Override
    public void consumerReconnect(String consumer) {
        count(reconnects, consumer);
    }

    @Override
    public void consumerParked(String consumer) {
        count(parked, consumer);
    }

    long events(String eventType, boolean live, boolean success) {
        return value(events, key(eventType, live, success));
    }

    long lag(String consumer) {
        LongSupplier lag = lags.get(consumer);
        if (lag == null) {
            throw new IllegalStateException("no lag registered for " + consumer);
        }
        return lag.getAsLong();
    }

    long reconnects(String consumer) {
        return value(reconnects, consumer);
    }

    long parked(String consumer) {
        return value(parked, consumer);
    }

    private static String key(String eventType, boolean live, boolean success) {
        return eventType + (live ? "|live" : "|replay") + (success ? "|ok" : "|failed");
    }

    private static void count(Map<String, AtomicLong> counters, String key) {
        counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static long value(Map<String, AtomicLong> counters, String key) {
        AtomicLong counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }
}
