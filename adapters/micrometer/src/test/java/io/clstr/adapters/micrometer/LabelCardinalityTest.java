package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.clstr.domain.kernel.AggregateType;
import io.micrometer.core.instrument.Meter;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelCardinalityTest {

    @Test
    void collapses_values_beyond_the_limit_into_other() {
        MetricsFixture fixture = new MetricsFixture(3);
        for (String type : List.of("a", "b", "c", "d", "e", "d")) {
            fixture.metrics.actors().handlerFailed(type);
        }

        PrometheusText scrape = fixture.scrape();
        assertThat(labelValues(scrape, MetricNames.ACTOR_PANICS, "message_type"))
                .containsExactlyInAnyOrder("a", "b", "c", "other");
        assertThat(scrape.value(MetricNames.ACTOR_PANICS, "message_type", "a")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.ACTOR_PANICS, "message_type", "other")).isEqualTo(3.0);
    }

    @Test
    void keeps_counting_admitted_values_after_the_limit_is_reached() {
        MetricsFixture fixture = new MetricsFixture(2);
        fixture.metrics.cluster().retry("a");
        fixture.metrics.cluster().retry("b");
        fixture.metrics.cluster().retry("c");
        fixture.metrics.cluster().retry("a");

        assertThat(fixture.scrape().value(MetricNames.CLUSTER_RETRIES, "message_type", "a")).isEqualTo(2.0);
    }

    @Test
    void shares_one_budget_per_label_name_across_families() {
        MetricsFixture fixture = new MetricsFixture(2);
        fixture.metrics.actors().handlerFailed("a");
        fixture.metrics.actors().handlerFailed("b");
        fixture.metrics.cluster().retry("a");
        fixture.metrics.cluster().retry("c");

        PrometheusText scrape = fixture.scrape();
        assertThat(labelValues(scrape, MetricNames.CLUSTER_RETRIES, "message_type"))
                .containsExactlyInAnyOrder("a", "other");
    }

    @Test
    void gives_each_label_name_its_own_budget() {
        MetricsFixture fixture = new MetricsFixture(1);
        fixture.metrics.actors().handlerFailed("a");
        fixture.metrics.actors().handlerFailed("b");
        fixture.metrics.actors().mailboxRejected("entity-order");
        fixture.metrics.eventSourcing().concurrencyConflict(AggregateType.of("order"));

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ACTOR_MAILBOX_REJECTIONS, "actor_group", "entity-order")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.ES_CONCURRENCY_CONFLICTS, "aggregate_type", "order")).isEqualTo(1.0);
    }

    @Test
    void admits_a_thousand_values_per_label_by_default() {
        MetricsFixture fixture = new MetricsFixture();
        for (int i = 0; i < 1_005; i++) {
            fixture.metrics.eventSourcing().consumerEvent("event-" + i, true, true, 1_000);
        }

        PrometheusText scrape = fixture.scrape();
        assertThat(labelValues(scrape, MetricNames.ES_CONSUMER_EVENT_DURATION + "_count", "event_type"))
                .hasSize(1_001)
                .contains("event-0", "event-999", "other")
                .doesNotContain("event-1000");
        assertThat(scrape.value(MetricNames.ES_CONSUMER_EVENTS, "event_type", "other", "live", "true",
                "success", "true")).isEqualTo(5.0);
    }

    @Test
    void counts_a_missing_label_value_as_other() {
        MetricsFixture fixture = new MetricsFixture();
        fixture.metrics.cluster().transportError(null);
        fixture.metrics.http().request(null, null, 200, 1_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.CLUSTER_TRANSPORT_ERRORS, "error_type", "other")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.HTTP_SERVER_REQUESTS + "_count",
                "method", "other", "uri", "other", "status", "200", "outcome", "SUCCESS")).isEqualTo(1.0);
    }

    @Test
    void caps_route_templates_too() {
        MetricsFixture fixture = new MetricsFixture(1);
        fixture.metrics.http().request("GET", "/orders/{id}", 200, 1_000);
        fixture.metrics.http().request("GET", "/orders/7f3a", 200, 1_000);

        assertThat(fixture.scrape().value(MetricNames.HTTP_SERVER_REQUESTS + "_count",
                "method", "GET", "uri", "other", "status", "200", "outcome", "SUCCESS")).isEqualTo(1.0);
    }

    @Test
    void does_not_register_gauges_beyond_the_limit() {
        MetricsFixture fixture = new MetricsFixture(1);
        fixture.metrics.eventSourcing().registerConsumerLag("first", () -> 1);
        fixture.metrics.eventSourcing().registerConsumerLag("second", () -> 2);
        fixture.metrics.eventSourcing().registerConsumerLag(null, () -> 3);

        PrometheusText scrape = fixture.scrape();
        assertThat(labelValues(scrape, MetricNames.ES_CONSUMER_LAG, "consumer")).containsExactly("first");
    }

    @Test
    void replaces_the_supplier_when_a_gauge_is_registered_again() {
        MetricsFixture fixture = new MetricsFixture();
        AtomicLong first = new AtomicLong(10);
        AtomicLong second = new AtomicLong(20);
        fixture.metrics.cluster().registerShardsOwned("node-1", first::get);
        List<Meter> metersBefore = List.copyOf(fixture.registry.getMeters());

        fixture.metrics.cluster().registerShardsOwned("node-1", second::get);

        assertThat(fixture.registry.getMeters()).containsExactlyInAnyOrderElementsOf(metersBefore);
        assertThat(fixture.scrape().value(MetricNames.CLUSTER_SHARDS_OWNED, "node_id", "node-1")).isEqualTo(20.0);
        first.set(11);
        second.set(21);
        assertThat(fixture.scrape().value(MetricNames.CLUSTER_SHARDS_OWNED, "node_id", "node-1")).isEqualTo(21.0);
    }

    @Test
    void lets_go_of_a_replaced_supplier() {
        MetricsFixture fixture = new MetricsFixture();
        WeakReference<AtomicLong> replaced = registerMembersFrom(fixture, new AtomicLong(3));
        fixture.metrics.cluster().registerMembers("node-1", () -> 4);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return replaced.get() == null;
        });
        assertThat(fixture.scrape().value(MetricNames.CLUSTER_MEMBERS, "node_id", "node-1")).isEqualTo(4.0);
    }

    private static WeakReference<AtomicLong> registerMembersFrom(MetricsFixture fixture, AtomicLong members) {
        fixture.metrics.cluster().registerMembers("node-1", members::get);
        return new WeakReference<>(members);
    }

    @Test
    void refuses_a_limit_below_one() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MetricsFixture(0));
    }

    /** The distinct values a label takes across a series' samples. */
    private static List<String> labelValues(PrometheusText scrape, String series, String label) {
        return scrape.samples(series).stream()
                .map(sample -> sample.labels().get(label))
                .distinct()
                .collect(Collectors.toList());
    }
}
