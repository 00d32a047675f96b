package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MicrometerEventSourcingMetricsTest {

    private static final AggregateType ORDER = AggregateType.of("order");
    private static final AggregateType COUNTER = AggregateType.of("counter");
    private static final long THREE_MS = 3_000_000;

    private final MetricsFixture fixture = new MetricsFixture();
    private final EventSourcingMetrics metrics = fixture.metrics.eventSourcing();

    interface TimedCall {
        void record(EventSourcingMetrics metrics, AggregateType type, long nanos);
    }

    static Stream<Arguments> timed_calls() {
        return Stream.of(
                Arguments.of("storeLoad", (TimedCall) EventSourcingMetrics::storeLoad,
                        MetricNames.ES_STORE_LOAD_DURATION),
                Arguments.of("storeAppend", (TimedCall) EventSourcingMetrics::storeAppend,
                        MetricNames.ES_STORE_APPEND_DURATION),
                Arguments.of("entityRecovered", (TimedCall) EventSourcingMetrics::entityRecovered,
                        MetricNames.ES_REPO_LOAD_DURATION),
                Arguments.of("commandCommitted", (TimedCall) EventSourcingMetrics::commandCommitted,
                        MetricNames.ES_REPO_SAVE_DURATION),
                Arguments.of("snapshotLoad", (TimedCall) EventSourcingMetrics::snapshotLoad,
                        MetricNames.ES_SNAPSHOT_LOAD_DURATION),
                Arguments.of("snapshotSave", (TimedCall) EventSourcingMetrics::snapshotSave,
                        MetricNames.ES_SNAPSHOT_SAVE_DURATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timed_calls")
    void records_durations_in_a_histogram_per_aggregate_type(String method, TimedCall call, String histogram) {
        call.record(metrics, ORDER, THREE_MS);
        call.record(metrics, ORDER, THREE_MS);
        call.record(metrics, COUNTER, 20_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.type(histogram)).isEqualTo("histogram");
        assertThat(scrape.value(histogram + "_count", "aggregate_type", "order")).isEqualTo(2.0);
        assertThat(scrape.value(histogram + "_sum", "aggregate_type", "order")).isCloseTo(0.006, within(1e-9));
        assertThat(scrape.buckets(histogram, "aggregate_type", "order"))
                .containsEntry(0.0025, 0.0)
                .containsEntry(0.005, 2.0)
                .containsEntry(Double.POSITIVE_INFINITY, 2.0);
        assertThat(scrape.buckets(histogram, "aggregate_type", "counter"))
                .containsEntry(0.01, 0.0)
                .containsEntry(0.025, 1.0);
    }

    static Stream<Arguments> counted_calls() {
        return Stream.of(
                Arguments.of("concurrencyConflict", (Consumer<EventSourcingMetrics>) m -> m.concurrencyConflict(ORDER),
                        MetricNames.ES_CONCURRENCY_CONFLICTS),
                Arguments.of("entityCacheHit", (Consumer<EventSourcingMetrics>) m -> m.entityCacheHit(ORDER),
                        MetricNames.ES_CACHE_HITS),
                Arguments.of("entityCacheMiss", (Consumer<EventSourcingMetrics>) m -> m.entityCacheMiss(ORDER),
                        MetricNames.ES_CACHE_MISSES),
                Arguments.of("entityPassivated", (Consumer<EventSourcingMetrics>) m -> m.entityPassivated(ORDER),
                        MetricNames.ES_PASSIVATIONS),
                Arguments.of("snapshotSkipped", (Consumer<EventSourcingMetrics>) m -> m.snapshotSkipped(ORDER),
                        MetricNames.ES_SNAPSHOTS_SKIPPED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counted_calls")
    void counts_occurrences_per_aggregate_type(String method, Consumer<EventSourcingMetrics> call, String counter) {
        call.accept(metrics);
        call.accept(metrics);
        call.accept(metrics);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.type(counter)).isEqualTo("counter");
        assertThat(scrape.value(counter, "aggregate_type", "order")).isEqualTo(3.0);
    }

    @Test
    void adds_up_the_events_of_each_append_per_aggregate_type() {
        metrics.eventsAppended(ORDER, 2);
        metrics.eventsAppended(ORDER, 1);
        metrics.eventsAppended(COUNTER, 5);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ES_EVENTS_APPENDED, "aggregate_type", "order")).isEqualTo(3.0);
        assertThat(scrape.value(MetricNames.ES_EVENTS_APPENDED, "aggregate_type", "counter")).isEqualTo(5.0);
    }

    @Test
    void records_commit_batch_sizes_in_power_of_two_buckets() {
        metrics.commitBatch(ORDER, 1);
        metrics.commitBatch(ORDER, 3);
        metrics.commitBatch(ORDER, 40);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.type(MetricNames.ES_COMMIT_BATCH_SIZE)).isEqualTo("histogram");
        assertThat(scrape.buckets(MetricNames.ES_COMMIT_BATCH_SIZE, "aggregate_type", "order"))
                .containsEntry(1.0, 1.0)
                .containsEntry(2.0, 1.0)
                .containsEntry(4.0, 2.0)
                .containsEntry(32.0, 2.0)
                .containsEntry(64.0, 3.0)
                .containsEntry(1024.0, 3.0);
        assertThat(scrape.value(MetricNames.ES_COMMIT_BATCH_SIZE + "_sum", "aggregate_type", "order"))
                .isEqualTo(44.0);
    }

    @Test
    void reports_active_entities_from_the_registered_supplier() {
        AtomicLong active = new AtomicLong(5);
        metrics.registerActiveEntities(ORDER, active::get);
        assertThat(fixture.scrape().value(MetricNames.ES_ENTITIES_ACTIVE, "aggregate_type", "order")).isEqualTo(5.0);

        active.set(7);
        assertThat(fixture.scrape().value(MetricNames.ES_ENTITIES_ACTIVE, "aggregate_type", "order")).isEqualTo(7.0);
    }

    @Test
    void records_projection_events_by_event_type_live_and_success() {
        metrics.consumerEvent("OrderPlaced", true, true, THREE_MS);
        metrics.consumerEvent("OrderPlaced", true, true, THREE_MS);
        metrics.consumerEvent("OrderPlaced", false, true, THREE_MS);
        metrics.consumerEvent("OrderPlaced", true, false, THREE_MS);

        PrometheusText scrape = fixture.scrape();
        String events = MetricNames.ES_CONSUMER_EVENTS;
        assertThat(scrape.value(events, "event_type", "OrderPlaced", "live", "true", "success", "true")).isEqualTo(2.0);
        assertThat(scrape.value(events, "event_type", "OrderPlaced", "live", "false", "success", "true"))
                .isEqualTo(1.0);
        assertThat(scrape.value(events, "event_type", "OrderPlaced", "live", "true", "success", "false"))
                .isEqualTo(1.0);
        assertThat(scrape.value(events, "event_type", "OrderPlaced", "live", "false", "success", "false"))
                .isZero();
        String duration = MetricNames.ES_CONSUMER_EVENT_DURATION;
        assertThat(scrape.value(duration + "_count", "event_type", "OrderPlaced", "live", "true")).isEqualTo(3.0);
        assertThat(scrape.value(duration + "_count", "event_type", "OrderPlaced", "live", "false")).isEqualTo(1.0);
        assertThat(scrape.buckets(duration, "event_type", "OrderPlaced", "live", "true")).containsEntry(0.005, 3.0);
    }

    @Test
    void reports_consumer_lag_reconnects_and_parked_events_per_consumer() {
        AtomicLong lag = new AtomicLong(12);
        metrics.registerConsumerLag("order-summary", lag::get);
        metrics.consumerReconnect("order-summary");
        metrics.consumerParked("order-summary");
        metrics.consumerParked("order-summary");
        lag.set(4);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ES_CONSUMER_LAG, "consumer", "order-summary")).isEqualTo(4.0);
        assertThat(scrape.value(MetricNames.ES_CONSUMER_RECONNECTS, "consumer", "order-summary")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.ES_CONSUMER_PARKED, "consumer", "order-summary")).isEqualTo(2.0);
    }
}
