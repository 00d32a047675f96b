package io.clstr.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/prometheus/alerts.yml}: every metric a rule queries is one the node emits (a renamed metric
 * would leave an alert that never fires), every rule says how urgent it is and what it means, the Compose
 * stack's Prometheus loads the file, and the operating guide lists exactly these alerts.
 */
class PrometheusAlertsTest {

    /** Series Prometheus makes itself, which rules may query beside the node's. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");
    private static final Pattern GUIDE_ROW = Pattern.compile("^\\| (Clstr[A-Za-z]+) \\|", Pattern.MULTILINE);

    private static final List<JsonNode> rules = new ArrayList<>();

    @BeforeAll
    static void read() {
        JsonNode groups = DeployFiles.yaml("prometheus/alerts.yml").path("groups");
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        assertThat(rules).isNotEmpty();
    }

    @Test
    void every_metric_a_rule_queries_is_emitted_by_the_node() {
        List<String> unknown = new ArrayList<>();
        for (JsonNode rule : rules) {
            String expr = rule.path("expr").asText();
            for (String series : EmittedMetrics.in(expr)) {
                if (EmittedMetrics.family(series) == null) {
                    unknown.add(series + " in " + rule.path("alert").asText());
                }
            }
            Matcher other = Pattern.compile("\\b([a-z_]+)\\{").matcher(expr);
            while (other.find()) {
                String name = other.group(1);
                if (EmittedMetrics.in(name).isEmpty() && !PROMETHEUS_SERIES.contains(name)) {
                    unknown.add(name + " in " + rule.path("alert").asText());
                }
            }
        }

        assertThat(unknown).as("metrics no node emits").isEmpty();
    }

    @Test
    void every_rule_is_an_alert_with_a_severity_and_a_summary() {
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : rules) {
            String name = rule.path("alert").asText();

            assertThat(name).matches("Clstr[A-Z][A-Za-z]+");
            assertThat(names.add(name)).as("%s is unique", name).isTrue();
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("page", "ticket");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            if (rule.has("for")) {
                assertThat(rule.path("for").asText()).as(name).matches(DURATION);
            }
        }
    }

    @Test
    void quantiles_are_computed_from_histogram_buckets() {
        for (JsonNode rule : rules) {
            String expr = rule.path("expr").asText();
            if (expr.contains("histogram_quantile")) {
                assertThat(expr).containsPattern("_bucket\\[").contains("by (le");
            }
        }
    }

    @Test
    void the_compose_stack_loads_the_rules_into_prometheus() {
        JsonNode prometheus = DeployFiles.yaml("compose.yaml").path("services").path("prometheus");
        List<String> ruleFiles = new ArrayList<>();
        DeployFiles.yaml("prometheus/prometheus.yml").path("rule_files").forEach(file -> ruleFiles.add(file.asText()));
        List<String> volumes = new ArrayList<>();
        prometheus.path("volumes").forEach(volume -> volumes.add(volume.asText()));

        assertThat(ruleFiles).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(volumes).contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void the_operating_guide_lists_exactly_these_alerts() throws IOException {
        Path guide = Path.of(System.getProperty("clstr.docs", "../docs")).resolve("guides/operating.md");
        Set<String> listed = new TreeSet<>();
        Matcher row = GUIDE_ROW.matcher(Files.readString(guide));
        while (row.find()) {
            listed.add(row.group(1));
        }
        Set<String> shipped = new TreeSet<>();
        rules.forEach(rule -> shipped.add(rule.path("alert").asText()));

        assertThat(listed).isEqualTo(shipped);
    }
}
