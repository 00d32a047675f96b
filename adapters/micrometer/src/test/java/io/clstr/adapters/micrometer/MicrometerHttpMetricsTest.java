package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.metrics.HttpMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicrometerHttpMetricsTest {

    private static final String REQUESTS = MetricNames.HTTP_SERVER_REQUESTS;

    private final MetricsFixture fixture = new MetricsFixture();
    private final HttpMetrics metrics = fixture.metrics.http();

    @Test
    void records_requests_by_method_route_template_status_and_outcome() {
        metrics.request("GET", "/orders/{id}", 200, 2_000_000);
        metrics.request("GET", "/orders/{id}", 200, 2_000_000);
        metrics.request("POST", "/orders", 201, 7_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.type(REQUESTS)).isEqualTo("histogram");
        assertThat(scrape.value(REQUESTS + "_count",
                "method", "GET", "uri", "/orders/{id}", "status", "200", "outcome", "SUCCESS")).isEqualTo(2.0);
        assertThat(scrape.buckets(REQUESTS, "method", "POST", "uri", "/orders", "status", "201", "outcome", "SUCCESS"))
                .containsEntry(0.005, 0.0)
                .containsEntry(0.01, 1.0);
    }

    @ParameterizedTest
    @CsvSource({
        "101, INFORMATIONAL", "204, SUCCESS", "302, REDIRECTION", "404, CLIENT_ERROR", "409, CLIENT_ERROR",
        "503, SERVER_ERROR",
    })
    void derives_the_outcome_from_the_status(int status, String outcome) {
        metrics.request("PUT", "/counters/{id}", status, 1_000);

        assertThat(fixture.scrape().value(REQUESTS + "_count",
                "method", "PUT", "uri", "/counters/{id}", "status", String.valueOf(status), "outcome", outcome))
                .isEqualTo(1.0);
    }

    @Test
    void reports_unknown_methods_and_impossible_statuses_as_other() {
        metrics.request("BREW", "/coffee", 200, 1_000);
        metrics.request("PROPFIND", "/coffee", 200, 1_000);
        metrics.request("GET", "/coffee", 42, 1_000);
        metrics.request("GET", "/coffee", 1_000, 1_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(REQUESTS + "_count",
                "method", "other", "uri", "/coffee", "status", "200", "outcome", "SUCCESS")).isEqualTo(2.0);
        assertThat(scrape.value(REQUESTS + "_count",
                "method", "GET", "uri", "/coffee", "status", "other", "outcome", "UNKNOWN")).isEqualTo(2.0);
    }
}
