package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loyalty API end to end on a real node: HTTP requests through the routes, the use cases, the cluster's
 * routing client and the entity runtime to the in-memory event store, and the read model the projection keeps.
 * {@link TestNode} checks every response against the API document.
 */
class LoyaltyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void opens_an_account_earns_and_redeems_points() throws Exception {
        HttpResponse<String> opened = node.post("/loyalty-accounts/acc-1/open", "{\"customerId\":\"c-1\"}");
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(json(opened)).isEqualTo(JSON.readTree(
                "{\"accountId\":\"acc-1\",\"customerId\":\"c-1\",\"points\":0,\"version\":1}"));
        assertThat(opened.headers().firstValue("ETag")).hasValue("\"1\"");

        assertThat(json(node.post("/loyalty-accounts/acc-1/earn", "{\"points\":100}"))).isEqualTo(JSON.readTree(
                "{\"accountId\":\"acc-1\",\"customerId\":\"c-1\",\"points\":100,\"version\":2}"));

        HttpResponse<String> tooMuch = node.post("/loyalty-accounts/acc-1/redeem", "{\"points\":150}");
        assertThat(json(tooMuch)).isEqualTo(JSON.readTree("{\"type\":\"/problems/insufficient-points\","
                + "\"title\":\"Command rejected\",\"status\":409,\"detail\":\"account acc-1 has 100 points, not 150\","
                + "\"instance\":\"/loyalty-accounts/acc-1/redeem\",\"code\":\"INSUFFICIENT_POINTS\"}"));

        HttpResponse<String> redeemed = node.post("/loyalty-accounts/acc-1/redeem", "{\"points\":30}",
                "Idempotency-Key", "redeem-1");
        HttpResponse<String> retried = node.post("/loyalty-accounts/acc-1/redeem", "{\"points\":30}",
                "Idempotency-Key", "redeem-1");
        assertThat(json(redeemed).path("points").asLong()).isEqualTo(70);
        assertThat(json(retried)).isEqualTo(json(redeemed));
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        JsonNode read = json(node.get("/loyalty-accounts/acc-1"));
        assertThat(read.path("points").asLong()).isEqualTo(70);
        assertThat(read.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void answers_problems_for_unknown_accounts_and_invalid_input() {
        assertThat(node.get("/loyalty-accounts/never-opened").statusCode()).isEqualTo(404);
        assertProblem(node.post("/loyalty-accounts/never-opened/earn", "{\"points\":5}"), 404, "NOT_FOUND");
        assertProblem(node.post("/loyalty-accounts/acc-2/earn", "{\"points\":0}"), 400, "VALIDATION_FAILED");
        node.post("/loyalty-accounts/acc-2/open", "{\"customerId\":\"c-2\"}");
        assertProblem(node.post("/loyalty-accounts/acc-2/open", "{\"customerId\":\"c-2\"}"), 409,
                "ACCOUNT_ALREADY_OPEN");
    }

    @Test
    void lists_a_customers_accounts_from_the_read_model() {
        node.post("/loyalty-accounts/acc-3/open", "{\"customerId\":\"c-3\"}");
        node.post("/loyalty-accounts/acc-4/open", "{\"customerId\":\"c-3\"}");
        node.post("/loyalty-accounts/acc-4/earn", "{\"points\":40}");

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = json(node.get("/loyalty-accounts?customerId=c-3")).path("items");
            assertThat(items).hasSize(2);
            assertThat(items.findValuesAsText("accountId")).containsExactlyInAnyOrder("acc-3", "acc-4");
            assertThat(items.findValues("points")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(0L, 40L);
        });
    }
}
