package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.nats.NatsNames;
import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.application.cluster.ShardMap;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole nodes on a real nats-server: the wiring of CLSTR_BACKEND=nats, restarts, and several nodes sharing work. */
class NatsNodesIT {

    private static NatsServer server;
    private final List<TestNode> nodes = new ArrayList<>();
    private final String prefix = "it" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startServer() {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TestNode::close);
    }

    private Map<String, String> environment(String nodeId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CLSTR_BACKEND", "nats");
        environment.put("CLSTR_NATS_URL", server.url());
        environment.put("CLSTR_NODE_ID", nodeId);
        environment.put("CLSTR_CLUSTER", prefix);
        environment.put("CLSTR_SHARDS", "32");
        environment.put("CLSTR_HEARTBEAT_INTERVAL", "250ms");
        environment.put("CLSTR_MEMBER_TTL", "1500ms");
        return environment;
    }

    private TestNode start(String nodeId) {
        Map<String, String> environment = environment(nodeId);
        TestNode node = TestNode.started(environment,
                Backend.nats(TestNode.config(environment), NatsNames.withPrefix(prefix)));
        nodes.add(node);
        return node;
    }

    @Test
    void orders_survive_a_node_restart_and_a_server_restart() {
        TestNode first = start("n1");
        String order = first.placeOrder();
        assertThat(first.post(order + "/confirm", null).statusCode()).isEqualTo(200);
        first.close();
        nodes.remove(first);

        TestNode second = start("n2");
        HttpResponse<String> afterNodeRestart = second.get(order);
        assertThat(afterNodeRestart.statusCode()).as(afterNodeRestart.body()).isEqualTo(200);
        assertThat(json(afterNodeRestart).path("status").asText()).isEqualTo("CONFIRMED");

        server.stop();
        server.restart();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> shipped = second.post(order + "/ship", "{\"trackingNumber\":\"T-1\"}");
            assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
        });
        HttpResponse<String> events = second.get(order + "/events");
        assertThat(json(events).path("events")).hasSize(3);
        TestNode.assertProblem(second.post(order + "/confirm", null), 409, "ORDER_ALREADY_SHIPPED");
        TestNode.assertProblem(second.get("/orders/missing"), 404, "NOT_FOUND");
    }

    @Test
    void three_nodes_split_the_shards_and_any_node_serves_any_order() {
        TestNode n1 = start("n1");
        TestNode n2 = start("n2");
        TestNode n3 = start("n3");
        String[] expected = new ShardMap(32).assignments(List.of("n1", "n2", "n3"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int shard = 0; shard < expected.length; shard++) {
                TestNode owner = expected[shard].equals("n1") ? n1 : expected[shard].equals("n2") ? n2 : n3;
                if (!owner.node().cluster().serves(shard)) {
                    return false;
                }
            }
            return true;
        });

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            orders.add(List.of(n1, n2, n3).get(i % 3).placeOrder());
        }
        for (String order : orders) {
            for (TestNode node : List.of(n1, n2, n3)) {
                assertThat(node.get(order).statusCode()).as("%s from %s", order, node.node().config().nodeId())
                        .isEqualTo(200);
            }
        }
        for (int i = 0; i < 6; i++) {
            assertThat(List.of(n1, n2, n3).get(i % 3).post("/counters/shared/increment", null).statusCode())
                    .isEqualTo(200);
        }
        assertThat(json(n2.get("/counters/shared")).path("value").asLong()).isEqualTo(6);
        // An id beyond ASCII crosses the wire in both directions too: at least two of the nodes reach its owner remotely.
        String id = "z\u00e4hler-\u20ac-\ud83d\ude00";
        String path = "/counters/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        for (TestNode node : List.of(n1, n2, n3)) {
            HttpResponse<String> incremented = node.post(path + "/increment", null);
            assertThat(incremented.statusCode()).as(incremented.body()).isEqualTo(200);
            assertThat(json(incremented).path("counterId").asText()).isEqualTo(id);
        }
        assertThat(json(n1.get(path)).path("value").asLong()).isEqualTo(3);
        assertThat(json(n1.get("/cluster")).path("members")).hasSize(3);
    }

    @Test
    void a_crashed_node_is_replaced_after_its_membership_expires() {
        TestNode n1 = start("n1");
        TestNode n2 = start("n2");
        String order = n1.placeOrder();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(n1.get("/cluster")).path("members").size() == 2);

        n2.node().crash();
        nodes.remove(n2);

        await().atMost(Duration.ofSeconds(30)).until(() -> n1.node().cluster().clusterView().ownedShards().size() == 32);
        assertThat(n1.post(order + "/confirm", null).statusCode()).isEqualTo(200);
        assertThat(json(n1.get("/cluster")).path("members")).hasSize(1);
    }
}
