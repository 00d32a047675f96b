package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

    @Test
    void a_started_node_is_ready_and_reports_itself_as_the_owner_of_every_shard() {
        try (TestNode node = TestNode.start(Map.of("CLSTR_NODE_ID", "alone", "CLSTR_CLUSTER", "solo",
                "CLSTR_SHARDS", "16"))) {
            // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
            node.placeOrder();
            // endregion sample

            JsonNode cluster = json(node.get("/cluster"));

            assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(cluster.path("nodeId").asText()).isEqualTo("alone");
            assertThat(cluster.path("cluster").asText()).isEqualTo("solo");
            assertThat(cluster.path("shardCount").asInt()).isEqualTo(16);
            assertThat(cluster.path("members")).hasSize(1);
            assertThat(cluster.path("members").path(0).path("nodeId").asText()).isEqualTo("alone");
            assertThat(cluster.path("ownedShards")).hasSize(16);
            assertThat(cluster.path("shardOwners")).hasSize(16);
            assertThat(cluster.path("shardOwners").path("15").asText()).isEqualTo("alone");
            // region sample
            assertThat(cluster.path("activeEntities").path("order").asLong()).isEqualTo(1);
            assertThat(cluster.path("activeEntities").path("counter").asLong()).isZero();
            // endregion sample
        }
    }

    @Test
    void a_management_port_takes_the_cluster_view_and_metrics_off_the_api_port() {
        try (TestNode node = TestNode.start(Map.of("CLSTR_HTTP_ADDRESS", "127.0.0.1", "CLSTR_MANAGEMENT_PORT", "0"))) {
            assertThat(node.node().managementPort()).isPositive().isNotEqualTo(node.node().httpPort());
            assertThat(node.node().httpUrl()).isEqualTo("http://127.0.0.1:" + node.node().httpPort());
            assertThat(node.node().managementUrl()).isEqualTo("http://127.0.0.1:" + node.node().managementPort());

            assertThat(node.getOnManagement("/metrics").body()).contains("clstr_cluster_shards_owned");
            assertThat(node.getOnManagement("/cluster").statusCode()).isEqualTo(200);
            assertThat(node.getOnManagement("/health/ready").statusCode()).isEqualTo(200);
            TestNode.assertProblem(node.get("/metrics"), 404, "NOT_FOUND");
            TestNode.assertProblem(node.get("/cluster"), 404, "NOT_FOUND");
            assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_stopped_node_answers_no_more_and_releases_its_port_and_its_threads() throws IOException {
        TestNode node = TestNode.start(Map.of("CLSTR_NODE_ID", "leaving"));
        // region sample
        node.placeOrder();
        // endregion sample
        int port = node.node().httpPort();

        node.close();

        assertThatThrownBy(() -> node.get("/health/live")).isInstanceOf(UncheckedIOException.class);
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        awaitNoThreadsOf("leaving");
    }

    @Test
    void with_a_shutdown_delay_a_stopping_node_is_not_ready_but_serves_until_the_delay_is_over() {
        Duration delay = Duration.ofSeconds(3);
        TestNode node = TestNode.start(Map.of("CLSTR_NODE_ID", "draining", "CLSTR_SHUTDOWN_DELAY", "3s"));
        long begin = System.nanoTime();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close);

        await().atMost(Duration.ofSeconds(10)).until(() -> node.get("/health/ready").statusCode() == 503);
        assertThat(node.get("/health/live").statusCode()).isEqualTo(200);
        // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
        assertThat(node.post("/counters/late/increment", null).statusCode()).isEqualTo(200);
        // endregion sample
        stopping.join();
        // A lower bound only: the delay is a wait the node must not skip.
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(delay);
        assertThatThrownBy(() -> node.get("/health/live")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void stopping_again_does_nothing() {
        TestNode node = TestNode.start();
        node.close();

        assertThatCode(node::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> node.get("/health/live")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void a_node_that_cannot_bind_its_port_fails_to_start_and_stops_what_it_had_started() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> environment = Map.of("CLSTR_NODE_ID", "unlucky",
                    "CLSTR_HTTP_PORT", String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(() -> Node.start(TestNode.config(environment)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        awaitNoThreadsOf("unlucky");
    }

    @Test
    void a_node_whose_nats_cannot_be_reached_does_not_start_and_says_where_it_looked() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String url = "nats://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> Node.start(TestNode.config(Map.of("CLSTR_BACKEND", "nats", "CLSTR_NATS_URL", url,
                "CLSTR_NODE_ID", "unreachable", "CLSTR_NATS_STARTUP_TIMEOUT", "1s")))).isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot connect to NATS")
                .hasMessageContaining(url);
        awaitNoThreadsOf("unreachable");
    }

    /** The actor pool and timer threads are named after the node. */
    private static void awaitNoThreadsOf(String nodeId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.isAlive() && thread.getName().contains(nodeId)));
    }
}
