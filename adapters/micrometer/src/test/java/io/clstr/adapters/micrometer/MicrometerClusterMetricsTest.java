package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.metrics.ClusterMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MicrometerClusterMetricsTest {

    private final MetricsFixture fixture = new MetricsFixture();
    private final ClusterMetrics metrics = fixture.metrics.cluster();

    @Test
    void records_routed_requests_by_type_and_outcome() {
        metrics.request("PlaceOrder", true, 4_000_000);
        metrics.request("PlaceOrder", false, 4_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_REQUESTS, "message_type", "PlaceOrder", "success", "true"))
                .isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.CLUSTER_REQUESTS, "message_type", "PlaceOrder", "success", "false"))
                .isEqualTo(1.0);
        assertThat(scrape.buckets(MetricNames.CLUSTER_REQUEST_DURATION, "message_type", "PlaceOrder"))
                .containsEntry(0.0025, 0.0)
                .containsEntry(0.005, 2.0);
    }

    @Test
    void counts_transport_errors_by_error_type_and_retries_by_message_type() {
        metrics.transportError("no_subscriber");
        metrics.transportError("timeout");
        metrics.transportError("timeout");
        metrics.retry("PlaceOrder");

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_TRANSPORT_ERRORS, "error_type", "no_subscriber")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.CLUSTER_TRANSPORT_ERRORS, "error_type", "timeout")).isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.CLUSTER_RETRIES, "message_type", "PlaceOrder")).isEqualTo(1.0);
    }

    @Test
    void records_handled_requests_by_type_and_outcome() {
        metrics.handled("PlaceOrder", true, 600_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_HANDLERS, "message_type", "PlaceOrder", "success", "true"))
                .isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.CLUSTER_HANDLERS, "message_type", "PlaceOrder", "success", "false"))
                .isZero();
        assertThat(scrape.buckets(MetricNames.CLUSTER_HANDLER_DURATION, "message_type", "PlaceOrder"))
                .containsEntry(0.5, 0.0)
                .containsEntry(1.0, 1.0);
    }

    @Test
    void reports_node_gauges_from_their_suppliers() {
        AtomicLong active = new AtomicLong(2);
        AtomicLong owned = new AtomicLong(128);
        AtomicLong members = new AtomicLong(3);
        metrics.registerHandlersActive("node-1", active::get);
        metrics.registerShardsOwned("node-1", owned::get);
        metrics.registerMembers("node-1", members::get);
        owned.set(0);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_HANDLERS_ACTIVE, "node_id", "node-1")).isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.CLUSTER_SHARDS_OWNED, "node_id", "node-1")).isZero();
        assertThat(scrape.value(MetricNames.CLUSTER_MEMBERS, "node_id", "node-1")).isEqualTo(3.0);
    }

    @Test
    void counts_shard_moves_by_node_and_direction() {
        metrics.shardMoved("node-1", true);
        metrics.shardMoved("node-1", true);
        metrics.shardMoved("node-1", false);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_SHARD_MOVES, "node_id", "node-1", "direction", "acquired"))
                .isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.CLUSTER_SHARD_MOVES, "node_id", "node-1", "direction", "released"))
                .isEqualTo(1.0);
    }
}
