package io.clstr.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.adapters.micrometer.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every clstr metric the dashboard queries is one the node emits: {@link MetricNames#ALL}, the list the
 * metrics system test proves against a live scrape. A renamed metric fails here instead of leaving an empty
 * panel.
 */
class GrafanaDashboardTest {

    /** Series Prometheus derives from a histogram family, and Micrometer's decaying maximum. */
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum", "_max");
    private static final Pattern OUR_METRIC = Pattern.compile("\\b(clstr_[a-z0-9_]+|http_server_requests_[a-z0-9_]+)\\b");

    private static JsonNode dashboard;
    private static List<String> queries;

    @BeforeAll
    static void read() {
        dashboard = DeployFiles.json("grafana/dashboards/clstr.json");
        queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
    }

    @Test
    void every_clstr_metric_in_a_query_is_emitted_by_the_node() {
        List<String> unknown = new ArrayList<>();
        for (String query : queries) {
            Matcher metric = OUR_METRIC.matcher(query);
            while (metric.find()) {
                if (family(metric.group(1)) == null) {
                    unknown.add(metric.group(1) + " in " + query);
                }
            }
        }

        assertThat(queries).isNotEmpty();
        assertThat(unknown).as("metrics no node emits").isEmpty();
    }

    @Test
    void the_dashboard_shows_every_family_the_node_emits() {
        Set<String> shown = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = OUR_METRIC.matcher(query);
            while (metric.find()) {
                String family = family(metric.group(1));
                if (family != null) {
                    shown.add(family);
                }
            }
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(MetricNames.ALL);
    }

    @Test
    void quantiles_are_computed_from_histogram_buckets() {
        for (String query : queries) {
            if (query.contains("histogram_quantile")) {
                assertThat(query).as(query).containsPattern("_bucket\\[").contains("by (le");
            }
        }
    }

    @Test
    void every_panel_has_a_title_and_every_query_a_ref_id() {
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("title").asText()).isNotBlank();
            panel.path("targets").forEach(target -> assertThat(target.path("refId").asText()).isNotBlank());
        }
        assertThat(dashboard.path("uid").asText()).isEqualTo("clstr");
    }

    /** The family a series belongs to, or null if the node emits no such family. */
    private static String family(String series) {
        if (MetricNames.ALL.contains(series)) {
            return series;
        }
        for (String suffix : HISTOGRAM_SERIES) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                if (MetricNames.ALL.contains(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
