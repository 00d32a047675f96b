package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.nats.testing.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A short load test on a real nats-server: it verifies, and it leaves no streams or buckets behind. */
class LoadTestIT {

    private static NatsServer server;

    @BeforeAll
    static void startServer() {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void a_nats_run_verifies_every_increment_and_deletes_its_data_afterwards() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = new LoadTest(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(List.of(
                "--backend", "nats", "--nats-url", server.url(), "--nodes", "2", "--keys", "20",
                "--concurrency", "16", "--warmup", "1s", "--duration", "2s", "--shards", "16"));
        String output = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = output.strip().split("\\R");
        JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);

        assertThat(exitCode).as(output).isEqualTo(LoadTest.EXIT_VERIFIED);
        assertThat(summary.path("backend").asText()).isEqualTo("nats");
        assertThat(summary.path("ops").asLong()).isPositive();
        assertThat(summary.path("acknowledged").asLong()).isEqualTo(summary.path("stored").asLong());
        try (Connection connection = Nats.connect(server.url())) {
            JetStreamManagement management = connection.jetStreamManagement();
            assertThat(management.getStreamNames()).as("streams (and KV buckets) left behind").isEmpty();
        }
    }

    @Test
    void a_baseline_run_takes_the_nodes_nats_credentials_and_measures_the_jnats_floor_first() throws Exception {
        Path config = Files.createTempFile("nats-auth-", ".conf");
        Files.writeString(config, "authorization { user: loader, password: \"s3cret\" }");
        try (NatsServer secured = NatsServer.startWith(List.of("-c", config.toString()))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int exitCode = new LoadTest(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    Map.of("CLSTR_NATS_USER", "loader", "CLSTR_NATS_PASSWORD", "s3cret", "CLSTR_NATS_URL",
                            secured.url())).run(List.of("--backend", "nats", "--baseline", "--nodes", "2",
                    "--keys", "5", "--concurrency", "16", "--warmup", "1s", "--duration", "1s", "--shards", "16"));
            String output = bytes.toString(StandardCharsets.UTF_8);
            String[] lines = output.strip().split("\\R");
            JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);

            assertThat(exitCode).as(output).isEqualTo(LoadTest.EXIT_VERIFIED);
            assertThat(summary.path("baseline").path("floor").asText()).contains("plain jnats");
            assertThat(summary.path("baseline").path("ops").asLong()).isPositive();
            assertThat(summary.path("ratio").asDouble()).isPositive();
            try (Connection connection = Nats.connect(new Options.Builder().server(secured.url())
                    .userInfo("loader", "s3cret").build())) {
                assertThat(connection.jetStreamManagement().getStreamNames())
                        .as("the floor's stream and the run's streams and buckets are deleted").isEmpty();
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
