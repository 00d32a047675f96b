package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void serves_the_clstr_families_next_to_jvm_and_process_metrics() {
        try (PrometheusScrape prometheus = new PrometheusScrape()) {
            EveryPortCall.exercise(prometheus.metrics());

            PrometheusText scrape = PrometheusText.parse(prometheus.scrape());

            assertThat(scrape.families()).containsAll(MetricNames.ALL).contains(
                    "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds");
            assertThat(scrape.value("system_cpu_count")).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(scrape.value(MetricNames.ES_EVENTS_APPENDED, "aggregate_type", "order")).isEqualTo(1.0);
        }
    }

    @Test
    void speaks_the_prometheus_text_format() {
        try (PrometheusScrape prometheus = new PrometheusScrape()) {
            assertThat(prometheus.contentType())
                    .isEqualTo(PrometheusScrape.CONTENT_TYPE)
                    .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(prometheus.scrape())
                    .contains("# TYPE clstr_actor_scheduler_tasks_total counter\n")
                    .doesNotContain("# EOF");
        }
    }

    @Test
    void applies_the_label_limit_it_was_given() {
        try (PrometheusScrape prometheus = new PrometheusScrape(1)) {
            prometheus.metrics().cluster().retry("PlaceOrder");
            prometheus.metrics().cluster().retry("CancelOrder");

            PrometheusText scrape = PrometheusText.parse(prometheus.scrape());
            assertThat(scrape.value(MetricNames.CLUSTER_RETRIES, "message_type", "other")).isEqualTo(1.0);
        }
    }

    @Test
    void closes_more_than_once_without_failing() {
        PrometheusScrape prometheus = new PrometheusScrape();
        prometheus.close();

        assertThatCode(prometheus::close).doesNotThrowAnyException();
    }
}
