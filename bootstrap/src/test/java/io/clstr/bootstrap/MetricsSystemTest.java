package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.micrometer.MetricNames;
import io.clstr.adapters.micrometer.PrometheusScrape;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a node wired as {@code java -jar clstr.jar} wires it, after some work. */
class MetricsSystemTest {

    /** The families a single node emits once it has served commands, reads and time travel, and projected them. */
    static final List<String> EMITTED = List.of(
            MetricNames.ES_STORE_LOAD_DURATION, MetricNames.ES_STORE_APPEND_DURATION, MetricNames.ES_EVENTS_APPENDED,
            MetricNames.ES_REPO_LOAD_DURATION, MetricNames.ES_REPO_SAVE_DURATION, MetricNames.ES_CACHE_HITS,
            MetricNames.ES_CACHE_MISSES, MetricNames.ES_PASSIVATIONS, MetricNames.ES_COMMIT_BATCH_SIZE,
            MetricNames.ES_ENTITIES_ACTIVE, MetricNames.ES_SNAPSHOT_LOAD_DURATION,
            MetricNames.ES_SNAPSHOT_SAVE_DURATION, MetricNames.ES_CONSUMER_EVENT_DURATION,
            MetricNames.ES_CONSUMER_EVENTS, MetricNames.ES_CONSUMER_LAG,
            MetricNames.ACTOR_MESSAGE_DURATION, MetricNames.ACTOR_MESSAGES, MetricNames.ACTOR_MAILBOX_DEPTH,
            MetricNames.ACTOR_SCHEDULER_INFLIGHT, MetricNames.ACTOR_SCHEDULER_TASK_DURATION,
            MetricNames.ACTOR_SCHEDULER_TASKS,
            MetricNames.CLUSTER_REQUEST_DURATION, MetricNames.CLUSTER_REQUESTS, MetricNames.CLUSTER_HANDLER_DURATION,
            MetricNames.CLUSTER_HANDLERS, MetricNames.CLUSTER_HANDLERS_ACTIVE, MetricNames.CLUSTER_SHARDS_OWNED,
            MetricNames.CLUSTER_MEMBERS, MetricNames.CLUSTER_SHARD_MOVES,
            MetricNames.HTTP_SERVER_REQUESTS,
            // Families of trouble, at 0 until their first event: normal work never increments them.
            MetricNames.ES_CONCURRENCY_CONFLICTS, MetricNames.ACTOR_PANICS, MetricNames.ACTOR_MAILBOX_REJECTIONS,
            MetricNames.ES_CONSUMER_RECONNECTS, MetricNames.ES_CONSUMER_PARKED, MetricNames.CLUSTER_TRANSPORT_ERRORS,
            MetricNames.CLUSTER_RETRIES, MetricNames.ES_SNAPSHOTS_SKIPPED);

    /** A series an alert reads: {@code clstr_es_repo_save_duration_seconds_bucket} is of its histogram's family. */
    private static final Pattern ALERTED_SERIES = Pattern.compile("\\b(clstr_[a-z_]+|http_server_requests_[a-z_]+)");
    /** The example expression of a row of the metrics guide's alert table. */
    private static final Pattern ALERT_TABLE_EXPRESSION = Pattern.compile("(?m)^\\| [^|]+ \\| `([^`]+)`");
    /** A rule of the shipped Prometheus alerts. */
    private static final Pattern RULE_EXPRESSION = Pattern.compile("(?m)^ +expr: (.+)$");

    private static TestNode node;

    @BeforeAll
    static void startAndWork() {
        // Snapshots every 2 events and room for one active entity per type, so snapshots and passivations happen.
        node = TestNode.start(Map.of("CLSTR_SNAPSHOT_EVERY", "2", "CLSTR_MAX_ACTIVE_ENTITIES", "1"));
        String order = node.placeOrder();
        node.post(order + "/lines", "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":\"5.00\"}");
        node.post(order + "/confirm", null);
        node.get(order);
        node.get(order + "?version=1");
        node.post("/counters/first/increment", null);
        node.post("/counters/second/increment", null);
        node.post("/counters/first/increment", null);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void metrics_are_served_in_the_prometheus_text_format() {
        HttpResponse<String> metrics = node.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(PrometheusScrape.CONTENT_TYPE);
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void every_family_this_node_emits_is_in_the_scrape() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = node.get("/metrics").body();
            List<String> missing = new ArrayList<>();
            for (String family : EMITTED) {
                if (!hasFamily(scrape, family)) {
                    missing.add(family);
                }
            }
            assertThat(missing).as("families missing from the scrape").isEmpty();
        });
    }

    @Test
    void every_family_the_adapter_knows_is_emitted_here() {
        assertThat(EMITTED).containsExactlyInAnyOrderElementsOf(MetricNames.ALL);
    }

    /**
     * Every series an alert of the metrics guide or the shipped rules ({@code deploy/prometheus/alerts.yml}) reads
     * exists on a node that has only just
     * started, so no alert reads "no data" until its first event. Alerts on families whose label values come
     * with the work (message types, HTTP statuses) say {@code or vector(0)} instead.
     */
    @Test
    void every_series_an_alert_reads_exists_on_a_fresh_node() throws Exception {
        List<String> expressions = new ArrayList<>();
        String metricsGuide = guide("guides/metrics.md");
        Matcher cells = ALERT_TABLE_EXPRESSION.matcher(metricsGuide.substring(metricsGuide.indexOf("## What to alert on")));
        while (cells.find()) {
            expressions.add(cells.group(1));
        }
        Matcher rules = RULE_EXPRESSION.matcher(Files.readString(
                Path.of(System.getProperty("clstr.deploy", "../deploy"), "prometheus", "alerts.yml")));
        while (rules.find()) {
            expressions.add(rules.group(1));
        }
        Set<String> alerted = new TreeSet<>();
        for (String expression : expressions) {
            if (!expression.contains("or vector(0)")) {
                Matcher series = ALERTED_SERIES.matcher(expression);
                while (series.find()) {
                    alerted.add(series.group(1).replaceFirst("_(bucket|count|sum)$", ""));
                }
            }
        }
        assertThat(expressions).as("alert expressions in the guide and the rules").hasSizeGreaterThan(20);
        assertThat(alerted).as("families alerts read without or vector(0)").hasSizeGreaterThan(8);

        try (TestNode fresh = TestNode.start()) {
            String scrape = fresh.get("/metrics").body();

            assertThat(alerted).as("families an alert reads, missing from a fresh node's scrape")
                    .allMatch(family -> hasFamily(scrape, family));
        }
    }

    private static String guide(String path) throws IOException {
        return Files.readString(Path.of(System.getProperty("clstr.docs"), path));
    }

    @Test
    void requests_are_labelled_by_route_template_not_by_path() {
        String scrape = node.get("/metrics").body();

        assertThat(scrape).contains("uri=\"/orders/{id}/confirm\"", "uri=\"/counters/{id}/increment\"");
        assertThat(Pattern.compile("uri=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-").matcher(scrape).find())
                .as("an order id in a uri label").isFalse();
        assertThat(scrape).as("a counter id as a label value").doesNotContain("\"first\"", "\"second\"");
    }

    /** A family shows as {@code # TYPE <name> ...}, or, for a counter, as its name without {@code _total}. */
    private static boolean hasFamily(String scrape, String family) {
        String base = family.endsWith("_total") ? family.substring(0, family.length() - "_total".length()) : family;
        return Pattern.compile("^# TYPE (" + Pattern.quote(family) + "|" + Pattern.quote(base) + ") ",
                Pattern.MULTILINE).matcher(scrape).find();
    }
}
