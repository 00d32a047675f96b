package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.application.cluster.ShardMap;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key over HTTP on real nodes: a key is bound to the request it was first sent with, and the
 * binding holds when the request crosses the cluster to the node that owns the entity.
 */
class IdempotencyKeyHttpTest {

    private static final String ORDER_A = "{\"customerId\":\"c-1\",\"currency\":\"EUR\","
            + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"9.99\"}]}";
    private static final String ORDER_B = "{\"customerId\":\"c-2\",\"currency\":\"EUR\","
            + "\"lines\":[{\"sku\":\"SKU-7\",\"quantity\":1,\"unitPrice\":\"500.00\"}]}";

    private final Backend backend = Backend.inMemory();
    private final TestNode first = TestNode.started(environment("node-1"), backend);
    private final TestNode second = TestNode.started(environment("node-2"), backend);

    private static Map<String, String> environment(String nodeId) {
        return Map.of("CLSTR_NODE_ID", nodeId, "CLSTR_SHARDS", "8", "CLSTR_HEARTBEAT_INTERVAL", "100ms",
                "CLSTR_MEMBER_TTL", "500ms");
    }

    @AfterEach
    void close() {
        second.close();
        first.close();
    }

    @Test
    void the_same_key_with_another_body_is_422_and_with_the_same_body_replays_the_first_answer() {
        awaitBothServing();
        HttpResponse<String> placed = first.post("/orders", ORDER_A, "Idempotency-Key", "place-key");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);

        // Sent to either node: the order's owner may be the other one.
        for (TestNode node : List.of(first, second)) {
            assertProblem(node.post("/orders", ORDER_B, "Idempotency-Key", "place-key"), 422,
                    "IDEMPOTENCY_KEY_REUSED");
            HttpResponse<String> retry = node.post("/orders", ORDER_A, "Idempotency-Key", "place-key");
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(retry.headers().firstValue("Location")).isEqualTo(placed.headers().firstValue("Location"));
            assertThat(json(retry).path("customerId").asText()).isEqualTo("c-1");
        }
    }

    @Test
    void the_same_key_for_another_operation_on_an_order_owned_by_the_other_node_is_422() {
        awaitBothServing();
        String order = first.placeOrder();
        assertThat(first.post(order + "/confirm", null, "Idempotency-Key", "step").statusCode()).isEqualTo(200);

        for (TestNode node : List.of(first, second)) {
            assertProblem(node.post(order + "/cancel", "{\"reason\":\"changed mind\"}", "Idempotency-Key", "step"),
                    422, "IDEMPOTENCY_KEY_REUSED");
        }
        assertThat(json(second.get(order)).path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void the_same_key_with_another_amount_on_a_counter_is_422() {
        awaitBothServing();
        assertThat(first.post("/counters/visits/increment", "{\"amount\":1}", "Idempotency-Key", "inc")
                .statusCode()).isEqualTo(200);

        for (TestNode node : List.of(first, second)) {
            assertProblem(node.post("/counters/visits/increment", "{\"amount\":5}", "Idempotency-Key", "inc"), 422,
                    "IDEMPOTENCY_KEY_REUSED");
            assertThat(node.post("/counters/visits/increment", "{\"amount\":1}", "Idempotency-Key", "inc").headers()
                    .firstValue("Idempotent-Replayed")).hasValue("true");
        }
        assertThat(json(second.get("/counters/visits")).path("value").asLong()).isEqualTo(1);
    }

    /** Both nodes serve some of the 8 shards, so requests cross between them. */
    private void awaitBothServing() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            String[] owners = new ShardMap(8).assignments(List.of("node-1", "node-2"));
            for (int shard = 0; shard < owners.length; shard++) {
                TestNode owner = owners[shard].equals("node-1") ? first : second;
                if (!owner.node().cluster().serves(shard)) {
                    return false;
                }
            }
            return true;
        });
    }
}
