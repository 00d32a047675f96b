package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real runs of the load test on the memory backend, so the command cannot rot. */
class LoadTestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String output, JsonNode summary) {
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = new LoadTest(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(List.of(args));
        String output = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = output.strip().split("\\R");
        return new Run(exitCode, output, JSON.readTree(lines[lines.length - 1]));
    }

    @Test
    void a_short_direct_run_verifies_every_increment_and_ends_with_one_json_line() throws Exception {
        Run run = run("--nodes", "2", "--keys", "20", "--concurrency", "16", "--warmup", "1s", "--duration", "2s",
                "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        JsonNode summary = run.summary();
        assertThat(summary.path("verified").asBoolean()).isTrue();
        assertThat(summary.path("backend").asText()).isEqualTo("memory");
        assertThat(summary.path("via").asText()).isEqualTo("direct");
        assertThat(summary.path("ops").asLong()).isPositive();
        assertThat(summary.path("acknowledged").asLong()).isEqualTo(summary.path("stored").asLong());
        for (String field : List.of("nodes", "concurrency", "keys", "duration_s", "ops_per_s", "p50_ms", "p99_ms",
                "p999_ms", "errors", "retries", "appends", "heap_mb")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(run.output()).contains("verification PASSED");
        JsonNode series = summary.path("per_second");
        assertThat(series.isArray()).isTrue();
        assertThat(series.size()).as("one entry a second, warm-up included").isGreaterThanOrEqualTo(3);
        assertThat(series.get(0).path("warmup").asBoolean()).isTrue();
        assertThat(series.get(series.size() - 1).path("warmup").asBoolean()).isFalse();
        assertThat(summary.path("baseline").isNull()).isTrue();
        assertThat(summary.path("ratio").isNull()).isTrue();
        assertThat(summary.path("rate").isNull()).isTrue();
    }

    @Test
    void a_baseline_run_measures_the_floor_first_and_reports_both_and_their_ratio() throws Exception {
        Run run = run("--baseline", "--nodes", "2", "--keys", "10", "--concurrency", "8", "--warmup", "1s",
                "--duration", "1s", "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        JsonNode baseline = run.summary().path("baseline");
        assertThat(baseline.path("floor").asText()).contains("in-memory append");
        assertThat(baseline.path("ops").asLong()).isPositive();
        assertThat(baseline.path("per_second").size()).as("warm-up and measured seconds").isGreaterThanOrEqualTo(2);
        assertThat(run.summary().path("ratio").asDouble()).isPositive()
                .isCloseTo(run.summary().path("ops_per_s").asDouble() / baseline.path("ops_per_s").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(run.output().indexOf("baseline: ")).as("the floor runs first")
                .isLessThan(run.output().indexOf("starting 2 memory node(s)"));
        assertThat(run.output()).contains("ratio        clstr reached");
    }

    @Test
    void an_open_loop_run_verifies_and_writes_an_hdrhistogram_log(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("run.hlog");
        Run run = run("--rate", "400", "--concurrency", "16", "--nodes", "1", "--keys", "10", "--warmup", "1s",
                "--duration", "1s", "--shards", "16", "--baseline", "--output", log.toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(run.summary().path("rate").asInt()).isEqualTo(400);
        assertThat(run.output()).contains("400 increments/s open loop");
        long clstr = 0;
        long floor = 0;
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                interval = reader.nextIntervalHistogram()) {
            long count = ((org.HdrHistogram.Histogram) interval).getTotalCount();
            if ("baseline".equals(interval.getTag())) {
                floor += count;
            } else {
                clstr += count;
            }
        }
        assertThat(floor).as("the floor's intervals, tagged").isPositive();
        assertThat(clstr).as("clstr's measured intervals").isPositive();
    }

    @Test
    void driving_running_nodes_does_not_claim_a_backend() throws Exception {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--nodes", "1", "--shards", "16"));
        try (LocalCluster cluster = new LocalCluster(options, Map.of()).start()) {
            Run run = run("--target", cluster.httpUrls().get(0).toString(), "--keys", "5", "--concurrency", "4",
                    "--warmup", "1s", "--duration", "1s");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
            assertThat(run.summary().path("backend").isNull()).isTrue();
            assertThat(run.output()).contains("running nodes (backend unknown)").doesNotContain("memory backend");

            // The nodes keep the first run's counters and command ids; the second run uses its own.
            Run again = run("--target", cluster.httpUrls().get(0).toString(), "--keys", "5", "--concurrency", "4",
                    "--warmup", "1s", "--duration", "1s");
            assertThat(again.exitCode()).as(again.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        }
    }

    @Test
    void a_run_through_the_http_api_verifies_too() throws Exception {
        Run run = run("--via", "http", "--nodes", "2", "--keys", "10", "--concurrency", "8", "--warmup", "1s",
                "--duration", "1s", "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(run.summary().path("via").asText()).isEqualTo("http");
        assertThat(run.summary().path("ops").asLong()).isPositive();
    }

    @Test
    void the_http_baseline_is_a_bare_javalin_route_driven_by_the_same_client() throws Exception {
        Run run = run("--via", "http", "--baseline", "--nodes", "1", "--keys", "10", "--concurrency", "8",
                "--warmup", "1s", "--duration", "1s", "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(run.summary().path("baseline").path("floor").asText()).contains("bare Javalin route");
        assertThat(run.summary().path("baseline").path("ops").asLong()).isPositive();
        assertThat(run.summary().path("ratio").asDouble()).isPositive();
    }

    /** A fault run (6 s of load with a node killed): it runs in the full profile. */
    @Test
    @Tag("long")
    void killing_a_node_mid_run_loses_and_doubles_nothing() throws Exception {
        Run run = run("--nodes", "3", "--keys", "30", "--concurrency", "16", "--warmup", "1s", "--duration", "6s",
                "--kill-node-at", "2s", "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(run.output()).contains("killing node-3");
        assertThat(run.summary().path("verified").asBoolean()).isTrue();
        assertThat(run.summary().path("kill_node_at_s").asDouble()).isEqualTo(2.0);
    }

    @Test
    void bad_options_exit_2_with_the_usage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = new LoadTest(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(List.of("--backend", "cassandra"));

        assertThat(exitCode).isEqualTo(LoadTest.EXIT_USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--backend must be memory or nats")
                .contains("Usage:");
    }
}
