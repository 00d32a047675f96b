package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the node's lifecycle, as load balancers see it through {@code /health/ready}; liveness
 * answers throughout. The test steps through the same phases {@link Node#start} and {@link Node#stop} go
 * through, pausing between them to look.
 */
class ReadinessSystemTest {

    @Test
    void a_node_is_not_ready_until_everything_started_then_ready_then_not_ready_once_it_begins_to_stop() {
        try (TestNode node = TestNode.open(Map.of(), Backend.inMemory())) {
            assertThat(assertProblem(node.get("/health/ready"), 503, "NOT_READY").path("detail").asText())
                    .isEqualTo("The node is starting.");
            assertThat(node.get("/health/live").statusCode()).isEqualTo(200);

            node.node().awaitShards(Duration.ofSeconds(10));
            node.node().markReady();
            HttpResponse<String> ready = node.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).path("status").asText()).isEqualTo("UP");

            node.node().beginStopping();
            assertThat(assertProblem(node.get("/health/ready"), 503, "NOT_READY").path("detail").asText())
                    .isEqualTo("The node is shutting down.");
            assertThat(node.get("/health/live").statusCode()).isEqualTo(200);

            node.node().markReady();
            assertProblem(node.get("/health/ready"), 503, "NOT_READY");
        }
    }
}
