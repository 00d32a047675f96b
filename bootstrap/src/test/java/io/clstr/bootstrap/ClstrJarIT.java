package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, as users start it: {@code java -jar clstr.jar} in a process of its own. An IT (failsafe)
 * only because it needs the jar, which is packaged after the unit tests run.
 */
class ClstrJarIT {

    private static final Pattern STARTED = Pattern.compile("clstr node (\\S+) started in \\d+ ms: backend=memory,"
            + " cluster=clstr, http=(http://localhost:\\d+)");
    /** Generous: a loaded build machine starts a JVM slowly. The node itself starts in about a second. */
    private static final long STARTUP_SECONDS = 60;

    @Test
    void the_jar_starts_a_node_that_takes_orders_and_stops_cleanly_on_sigterm(@TempDir Path logs) throws Exception {
        Path jar = jar();
        Path stderr = logs.resolve("stderr.log");
        Process process = new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "--http-port", "0",
                "--shutdown-timeout", "10s")
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(STARTUP_SECONDS, TimeUnit.SECONDS);
            Matcher started = STARTED.matcher(line == null ? "" : line);
            assertThat(started.matches()).as("startup line: %s; stderr: %s", line, Files.readString(stderr)).isTrue();

            // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
            HttpResponse<String> placed = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(started.group(2) + "/orders"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(TestNode.PLACE_ORDER))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            assertThat(placed.body()).contains("\"total\":\"19.98\"");
            // endregion sample

            process.destroy();

            assertThat(process.waitFor(STARTUP_SECONDS, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            // 143 = 128 + SIGTERM: how every JVM reports a signal, after its shutdown hooks (our graceful stop) ran.
            assertThat(process.exitValue()).isEqualTo(143);
            List<String> log = Files.readAllLines(stderr);
            assertThat(log).anyMatch(entry -> entry.endsWith("Node " + started.group(1) + " stopped"));
            assertThat(log).as("one logging backend, no warnings, no errors")
                    .noneMatch(entry -> entry.contains("SLF4J") || entry.contains(" WARN ")
                            || entry.contains(" ERROR ") || entry.contains("Exception"));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void json_logs_are_one_object_per_line_naming_the_node_and_the_request(@TempDir Path logs) throws Exception {
        Path stderr = logs.resolve("stderr.log");
        Process process = new ProcessBuilder(javaExecutable(), "-jar", jar().toString(), "--http-port", "0",
                "--node-id", "json-node", "--log-format", "json", "--access-log")
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(STARTUP_SECONDS, TimeUnit.SECONDS);
            Matcher started = STARTED.matcher(line == null ? "" : line);
            assertThat(started.matches()).as("startup line: %s; stderr: %s", line, Files.readString(stderr)).isTrue();

            HttpResponse<String> live = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(started.group(2) + "/health/live"))
                            .timeout(Duration.ofSeconds(30)).header("X-Request-Id", "it-req-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.headers().firstValue("X-Request-Id")).hasValue("it-req-1");
            process.destroy();
            assertThat(process.waitFor(STARTUP_SECONDS, TimeUnit.SECONDS)).as("stopped in time").isTrue();

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> entries = new ArrayList<>();
            for (String entry : Files.readAllLines(stderr)) {
                entries.add(json.readTree(entry));
            }
            assertThat(entries).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.path("node").asText()).isEqualTo("json-node");
                assertThat(entry.path("message").asText()).isNotBlank();
                assertThat(entry.path("level").asText()).isIn("INFO", "WARN", "ERROR");
            });
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.path("message").asText()).startsWith("GET /health/live 200 ");
                assertThat(entry.path("request_id").asText()).isEqualTo("it-req-1");
                assertThat(entry.path("status").asInt()).isEqualTo(200);
            });
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void version_prints_the_version_the_manifest_carries() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-jar", jar().toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(STARTUP_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("clstr " + System.getProperty("clstr.version") + System.lineSeparator());
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("clstr.jar", "target/clstr.jar"));
        assertThat(jar).isRegularFile();
        return jar;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the node's output", e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
