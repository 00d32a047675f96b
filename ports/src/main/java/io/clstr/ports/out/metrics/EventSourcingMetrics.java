package io.clstr.ports.out.metrics;

import io.clstr.domain.kernel.AggregateType;
import java.util.function.LongSupplier;

/**
 * What the event-sourcing runtime reports. Every method has a no-op default, so an adapter
 * implements what it records. Durations are in nanoseconds. Labels are bounded: aggregate types,
 * event types and projection names, never ids.
 */
public interface EventSourcingMetrics {

    EventSourcingMetrics NOOP = new EventSourcingMetrics() {
    };

    /** A stream read from the event store ({@code clstr_es_store_load_duration_seconds}). */
    default void storeLoad(AggregateType type, long nanos) {
    }

    /** An append to the event store, successful or not ({@code clstr_es_store_append_duration_seconds}). */
    default void storeAppend(AggregateType type, long nanos) {
    }

    /** Events stored by one append ({@code clstr_es_events_appended_total}). */
    default void eventsAppended(AggregateType type, int count) {
    }

    /** An entity recovered: snapshot plus tail ({@code clstr_es_repo_load_duration_seconds}). */
    default void entityRecovered(AggregateType type, long nanos) {
    }

    /** A command from arrival to its committed reply ({@code clstr_es_repo_save_duration_seconds}). */
    default void commandCommitted(AggregateType type, long nanos) {
    }

    /** An append failed on the version check ({@code clstr_es_concurrency_conflicts_total}). */
    default void concurrencyConflict(AggregateType type) {
    }

    /** A command found its entity active in memory ({@code clstr_es_cache_hits_total}). */
    default void entityCacheHit(AggregateType type) {
    }

    /** A command had to activate (recover) its entity ({@code clstr_es_cache_misses_total}). */
    default void entityCacheMiss(AggregateType type) {
    }

    /** An entity was passivated: stopped and its memory released ({@code clstr_es_passivations_total}). */
    default void entityPassivated(AggregateType type) {
    }

    /** Commands answered by one append; above 1 means group commit ({@code clstr_es_commit_batch_size}). */
    default void commitBatch(AggregateType type, int commands) {
    }

    /** Active entities of a type ({@code clstr_es_entities_active}); registered once per type. */
    default void registerActiveEntities(AggregateType type, LongSupplier active) {
    }

    /** A snapshot read ({@code clstr_es_snapshot_load_duration_seconds}). */
    default void snapshotLoad(AggregateType type, long nanos) {
    }

    /** A snapshot written ({@code clstr_es_snapshot_save_duration_seconds}). */
    default void snapshotSave(AggregateType type, long nanos) {
    }

    /**
     * A snapshot not written because it is larger than the snapshot store takes
     * ({@code clstr_es_snapshots_skipped_total}).
     */
    default void snapshotSkipped(AggregateType type) {
    }

    /**
     * A projection handled one event ({@code clstr_es_consumer_event_duration_seconds} and
     * {@code clstr_es_consumer_events_total}).
     */
    default void consumerEvent(String eventType, boolean live, boolean success, long nanos) {
    }

    /** Commits a projection has still to read ({@code clstr_es_consumer_lag}); registered once per projection. */
    default void registerConsumerLag(String consumer, LongSupplier lag) {
    }

    /** A projection's subscription failed and was restarted ({@code clstr_es_consumer_reconnects_total}). */
    default void consumerReconnect(String consumer) {
    }

    /** A projection parked an event it could not handle ({@code clstr_es_consumer_parked_total}). */
    default void consumerParked(String consumer) {
    }
}
