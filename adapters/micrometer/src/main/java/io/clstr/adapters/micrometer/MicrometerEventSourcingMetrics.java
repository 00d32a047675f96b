package io.clstr.adapters.micrometer;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.LongSupplier;

/** {@link EventSourcingMetrics} as {@code clstr_es_*} meters; see {@link MetricNames}. */
final class MicrometerEventSourcingMetrics implements EventSourcingMetrics {

    private static final String AGGREGATE_TYPE = "aggregate_type";
    private static final String EVENT_TYPE = "event_type";
    private static final String CONSUMER = "consumer";

    private final MetersByLabel<Timer> storeLoad;
    private final MetersByLabel<Timer> storeAppend;
    private final MetersByLabel<Counter> eventsAppended;
    private final MetersByLabel<Timer> repoLoad;
    private final MetersByLabel<Timer> repoSave;
    private final MetersByLabel<Counter> conflicts;
    private final MetersByLabel<Counter> cacheHits;
    private final MetersByLabel<Counter> cacheMisses;
    private final MetersByLabel<Counter> passivations;
    private final MetersByLabel<DistributionSummary> commitBatch;
    private final GaugeFamily activeEntities;
    private final MetersByLabel<Timer> snapshotLoad;
    private final MetersByLabel<Timer> snapshotSave;
    private final MetersByLabel<Counter> snapshotsSkipped;
    private final MetersByLabel<ConsumerEventMeters> consumerEvents;
    private final GaugeFamily consumerLag;
    private final MetersByLabel<Counter> consumerReconnects;
    private final MetersByLabel<Counter> consumerParked;

    MicrometerEventSourcingMetrics(MeterFactory meters) {
        storeLoad = latencyByType(meters, "clstr.es.store.load.duration", "Reading a stream from the event store");
        storeAppend = latencyByType(meters, "clstr.es.store.append.duration",
                "Appending to the event store, successful or not");
        eventsAppended = counterByType(meters, "clstr.es.events.appended", "Events stored");
        repoLoad = latencyByType(meters, "clstr.es.repo.load.duration",
                "Recovering an entity from its snapshot and event tail");
        repoSave = latencyByType(meters, "clstr.es.repo.save.duration",
                "A command from arrival to its committed reply");
        conflicts = counterByType(meters, "clstr.es.concurrency.conflicts", "Appends refused by the version check");
        cacheHits = counterByType(meters, "clstr.es.cache.hits", "Commands that found their entity active");
        cacheMisses = counterByType(meters, "clstr.es.cache.misses", "Commands that had to activate their entity");
        passivations = counterByType(meters, "clstr.es.passivations", "Entities stopped to release memory");
        commitBatch = meters.byLabel(AGGREGATE_TYPE, type -> meters.batchSize("clstr.es.commit.batch.size",
                "Commands answered by one append; above 1 means group commit", AGGREGATE_TYPE, type));
        activeEntities = meters.gauges("clstr.es.entities.active", "Entities active in memory", AGGREGATE_TYPE);
        snapshotLoad = latencyByType(meters, "clstr.es.snapshot.load.duration", "Reading a snapshot");
        snapshotSave = latencyByType(meters, "clstr.es.snapshot.save.duration", "Writing a snapshot");
        snapshotsSkipped = counterByType(meters, "clstr.es.snapshots.skipped",
                "Snapshots not written because the snapshot store does not take their size");
        consumerEvents = meters.byLabel(EVENT_TYPE, type -> new ConsumerEventMeters(meters, type));
        consumerLag = meters.gauges("clstr.es.consumer.lag", "Commits a projection has still to read", CONSUMER);
        consumerReconnects = meters.byLabel(CONSUMER, consumer -> meters.counter("clstr.es.consumer.reconnects",
                "Projection subscriptions that failed and were restarted", CONSUMER, consumer));
        consumerParked = meters.byLabel(CONSUMER, consumer -> meters.counter("clstr.es.consumer.parked",
                "Events a projection could not handle and set aside", CONSUMER, consumer));
    }

    private static MetersByLabel<Timer> latencyByType(MeterFactory meters, String name, String description) {
        return meters.byLabel(AGGREGATE_TYPE, type -> meters.latency(name, description, AGGREGATE_TYPE, type));
    }

    private static MetersByLabel<Counter> counterByType(MeterFactory meters, String name, String description) {
        return meters.byLabel(AGGREGATE_TYPE, type -> meters.counter(name, description, AGGREGATE_TYPE, type));
    }

    @Override
    public void storeLoad(AggregateType type, long nanos) {
        storeLoad.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void storeAppend(AggregateType type, long nanos) {
        storeAppend.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void eventsAppended(AggregateType type, int count) {
        eventsAppended.get(type.name()).increment(count);
    }

    @Override
    public void entityRecovered(AggregateType type, long nanos) {
        repoLoad.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void commandCommitted(AggregateType type, long nanos) {
        repoSave.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void concurrencyConflict(AggregateType type) {
        conflicts.get(type.name()).increment();
    }

    @Override
    public void entityCacheHit(AggregateType type) {
        cacheHits.get(type.name()).increment();
    }

    @Override
    public void entityCacheMiss(AggregateType type) {
        cacheMisses.get(type.name()).increment();
    }

    @Override
    public void entityPassivated(AggregateType type) {
        passivations.get(type.name()).increment();
    }

    @Override
    public void commitBatch(AggregateType type, int commands) {
        commitBatch.get(type.name()).record(commands);
    }

    /**
     * Also the first sign of an aggregate type: every meter of the type is registered now, at 0, so that rates
     * and ratios (conflicts per append) read 0 rather than "no data" until the first event.
     */
    @Override
    public void registerActiveEntities(AggregateType type, LongSupplier active) {
        activeEntities.register(type.name(), active);
        String name = type.name();
        for (MetersByLabel<?> family : List.of(storeLoad, storeAppend, eventsAppended, repoLoad, repoSave, conflicts,
                cacheHits, cacheMisses, passivations, commitBatch, snapshotLoad, snapshotSave, snapshotsSkipped)) {
            family.get(name);
        }
    }

    @Override
    public void snapshotLoad(AggregateType type, long nanos) {
        snapshotLoad.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void snapshotSave(AggregateType type, long nanos) {
        snapshotSave.get(type.name()).record(nanos, NANOSECONDS);
    }

    @Override
    public void snapshotSkipped(AggregateType type) {
        snapshotsSkipped.get(type.name()).increment();
    }

    @Override
    public void consumerEvent(String eventType, boolean live, boolean success, long nanos) {
        consumerEvents.get(eventType).record(live, success, nanos);
    }

    /** Also the first sign of a consumer: its reconnects and parked events read 0 from now on, not "no data". */
    @Override
    public void registerConsumerLag(String consumer, LongSupplier lag) {
        consumerLag.register(consumer, lag);
        consumerReconnects.get(consumer);
        consumerParked.get(consumer);
    }

    @Override
    public void consumerReconnect(String consumer) {
        consumerReconnects.get(consumer).increment();
    }

    @Override
    public void consumerParked(String consumer) {
        consumerParked.get(consumer).increment();
    }

    /** One event type's projection meters: durations by {@code live}, counts by {@code live} and {@code success}. */
    private static final class ConsumerEventMeters {

        private final ByBoolean<Timer> durationByLive;
        private final ByBoolean<ByBoolean<Counter>> eventsByLiveAndSuccess;

        ConsumerEventMeters(MeterFactory meters, String eventType) {
            durationByLive = ByBoolean.of(live -> meters.latency("clstr.es.consumer.event.duration",
                    "A projection handling one event", EVENT_TYPE, eventType, "live", live));
            eventsByLiveAndSuccess = ByBoolean.of(live -> ByBoolean.of(success -> meters.counter(
                    "clstr.es.consumer.events", "Events handled by projections",
                    EVENT_TYPE, eventType, "live", live, "success", success)));
        }

        void record(boolean live, boolean success, long nanos) {
            durationByLive.get(live).record(nanos, NANOSECONDS);
            eventsByLiveAndSuccess.get(live).get(success).increment();
        }
    }
}
