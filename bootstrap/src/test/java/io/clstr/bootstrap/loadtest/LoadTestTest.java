package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    }

    @Test
    void a_run_through_the_http_api_verifies_too() throws Exception {
        Run run = run("--via", "http", "--nodes", "2", "--keys", "10", "--concurrency", "8", "--warmup", "1s",
                "--duration", "2s", "--shards", "16");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(run.summary().path("via").asText()).isEqualTo("http");
        assertThat(run.summary().path("ops").asLong()).isPositive();
    }

    @Test
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
