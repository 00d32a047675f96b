package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.nats.testing.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
