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
 * panel. The dashboard lets people choose the data source and the nodes it shows.
 */
class GrafanaDashboardTest {

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
            for (String series : EmittedMetrics.in(query)) {
                if (EmittedMetrics.family(series) == null) {
                    unknown.add(series + " in " + query);
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
            for (String series : EmittedMetrics.in(query)) {
                String family = EmittedMetrics.family(series);
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
                assertThat(query).as(query).containsPattern("_bucket(\\{[^}]*})?\\[").contains("by (le");
            }
        }
    }

    @Test
    void the_data_source_and_the_nodes_to_show_are_chosen_on_the_dashboard() {
        JsonNode datasource = variable("datasource");
        JsonNode instance = variable("instance");

        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        assertThat(instance.path("type").asText()).isEqualTo("query");
        assertThat(instance.path("definition").asText()).isEqualTo("label_values(clstr_cluster_members, instance)");
        assertThat(instance.path("multi").asBoolean()).isTrue();
        assertThat(instance.path("includeAll").asBoolean()).isTrue();
        assertThat(dashboard.findValues("datasource")).allSatisfy(used ->
                assertThat(used.path("uid").asText()).isEqualTo("${datasource}"));
    }

    @Test
    void every_series_is_filtered_to_the_chosen_nodes() {
        Pattern selector = Pattern.compile("\\b(?:clstr|http_server_requests|jvm|process)_[a-z0-9_]+\\b(\\{[^}]*})?");
        List<String> unfiltered = new ArrayList<>();
        for (String query : queries) {
            Matcher series = selector.matcher(query);
            while (series.find()) {
                if (series.group(1) == null || !series.group(1).contains("instance=~\"$instance\"")) {
                    unfiltered.add(series.group() + " in " + query);
                }
            }
        }

        assertThat(unfiltered).isEmpty();
    }

    @Test
    void every_panel_has_a_title_and_every_query_a_ref_id() {
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("title").asText()).isNotBlank();
            panel.path("targets").forEach(target -> assertThat(target.path("refId").asText()).isNotBlank());
        }
        assertThat(dashboard.path("uid").asText()).isEqualTo("clstr");
    }

    private static JsonNode variable(String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no dashboard variable " + name);
    }
}
