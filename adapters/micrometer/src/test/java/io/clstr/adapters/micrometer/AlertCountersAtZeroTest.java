package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.metrics.ClusterMetrics;
import org.junit.jupiter.api.Test;

/**
 * The counters alerts divide or rate exist at 0 from the first sign of their label value, so an alert reads 0
 * rather than "no data" before the first event (docs/guides/metrics.md, "What to alert on").
 */
class AlertCountersAtZeroTest {

    private final MetricsFixture fixture = new MetricsFixture();

    @Test
    void an_aggregate_type_s_meters_exist_once_its_entities_register() {
        fixture.metrics.eventSourcing().registerActiveEntities(AggregateType.of("order"), () -> 0);

        PrometheusText scrape = fixture.scrape();
        for (String counter : new String[] {MetricNames.ES_CONCURRENCY_CONFLICTS, MetricNames.ES_EVENTS_APPENDED,
            MetricNames.ES_CACHE_HITS, MetricNames.ES_CACHE_MISSES, MetricNames.ES_PASSIVATIONS,
            MetricNames.ES_SNAPSHOTS_SKIPPED}) {
            assertThat(scrape.value(counter, "aggregate_type", "order")).as(counter).isZero();
        }
        for (String histogram : new String[] {MetricNames.ES_STORE_APPEND_DURATION, MetricNames.ES_STORE_LOAD_DURATION,
            MetricNames.ES_REPO_SAVE_DURATION, MetricNames.ES_REPO_LOAD_DURATION, MetricNames.ES_COMMIT_BATCH_SIZE,
            MetricNames.ES_SNAPSHOT_LOAD_DURATION, MetricNames.ES_SNAPSHOT_SAVE_DURATION}) {
            assertThat(scrape.value(histogram + "_count", "aggregate_type", "order")).as(histogram).isZero();
        }
    }

    @Test
    void a_consumer_s_counters_exist_once_its_lag_registers() {
        fixture.metrics.eventSourcing().registerConsumerLag("order-summaries", () -> 0);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ES_CONSUMER_RECONNECTS, "consumer", "order-summaries")).isZero();
        assertThat(scrape.value(MetricNames.ES_CONSUMER_PARKED, "consumer", "order-summaries")).isZero();
    }

    @Test
    void a_group_s_rejections_exist_once_its_mailboxes_register_and_a_type_s_panics_with_its_first_message() {
        fixture.metrics.actors().registerMailboxDepth("entity-order", () -> 0);
        fixture.metrics.actors().messageHandled("Execute", true, 1_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ACTOR_MAILBOX_REJECTIONS, "actor_group", "entity-order")).isZero();
        assertThat(scrape.value(MetricNames.ACTOR_PANICS, "message_type", "Execute")).isZero();
    }

    @Test
    void every_transport_error_type_exists_from_the_start_and_a_node_s_shard_moves_once_it_registers() {
        fixture.metrics.cluster().registerShardsOwned("node-1", () -> 0);
        fixture.metrics.cluster().request("order.place.v1", true, 1_000);

        PrometheusText scrape = fixture.scrape();
        for (String errorType : ClusterMetrics.TRANSPORT_ERROR_TYPES) {
            assertThat(scrape.value(MetricNames.CLUSTER_TRANSPORT_ERRORS, "error_type", errorType)).as(errorType)
                    .isZero();
        }
        assertThat(scrape.value(MetricNames.CLUSTER_SHARD_MOVES, "node_id", "node-1", "direction", "acquired")).isZero();
        assertThat(scrape.value(MetricNames.CLUSTER_SHARD_MOVES, "node_id", "node-1", "direction", "released")).isZero();
        assertThat(scrape.value(MetricNames.CLUSTER_RETRIES, "message_type", "order.place.v1")).isZero();
    }
}
