package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.javalin.loyalty.LoyaltyRoutes;
import io.clstr.application.loyalty.LoyaltyContext;
import io.clstr.bootstrap.config.ConfigParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/guides/add-an-aggregate.md}, end to end on a real {@link Node}: HTTP requests
 * through the loyalty routes, the use cases, the cluster's routing client and the entity runtime to the in-memory
 * event store, and the read model the projection keeps. The node runs the service's contexts plus the line the
 * guide adds to {@link ServiceContexts}.
 */
class LoyaltyExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Node node;

    @BeforeAll
    static void start() {
        ServiceContext[] added = {
            // tag::register[]
            new ServiceContext(new LoyaltyContext(), LoyaltyRoutes::new),
            // end::register[]
        };
        List<ServiceContext> contexts = new ArrayList<>(ServiceContexts.ALL);
        contexts.addAll(List.of(added));
        node = Node.start(new ConfigParser(Map.of("CLSTR_HTTP_PORT", "0")).parse(List.of()), Backend.inMemory(),
                Clock.systemUTC(), contexts);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void opens_an_account_earns_and_redeems_points() throws Exception {
        HttpResponse<String> opened = post("/loyalty-accounts/acc-1/open", "{\"customerId\":\"c-1\"}", null);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(json(opened)).isEqualTo(JSON.readTree(
                "{\"accountId\":\"acc-1\",\"customerId\":\"c-1\",\"points\":0,\"version\":1}"));
        assertThat(opened.headers().firstValue("ETag")).hasValue("\"1\"");

        assertThat(json(post("/loyalty-accounts/acc-1/earn", "{\"points\":100}", null))).isEqualTo(JSON.readTree(
                "{\"accountId\":\"acc-1\",\"customerId\":\"c-1\",\"points\":100,\"version\":2}"));

        HttpResponse<String> tooMuch = post("/loyalty-accounts/acc-1/redeem", "{\"points\":150}", null);
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(json(tooMuch)).isEqualTo(JSON.readTree("{\"type\":\"/problems/insufficient-points\","
                + "\"title\":\"Command rejected\",\"status\":409,\"detail\":\"account acc-1 has 100 points, not 150\","
                + "\"instance\":\"/loyalty-accounts/acc-1/redeem\",\"code\":\"INSUFFICIENT_POINTS\"}"));

        HttpResponse<String> redeemed = post("/loyalty-accounts/acc-1/redeem", "{\"points\":30}", "redeem-1");
        HttpResponse<String> retried = post("/loyalty-accounts/acc-1/redeem", "{\"points\":30}", "redeem-1");
        assertThat(json(redeemed).path("points").asLong()).isEqualTo(70);
        assertThat(json(retried)).isEqualTo(json(redeemed));
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        HttpResponse<String> read = get("/loyalty-accounts/acc-1");
        assertThat(json(read).path("points").asLong()).isEqualTo(70);
        assertThat(json(read).path("version").asLong()).isEqualTo(3);
    }

    @Test
    void answers_problems_for_unknown_accounts_and_invalid_input() throws Exception {
        assertThat(get("/loyalty-accounts/never-opened").statusCode()).isEqualTo(404);
        HttpResponse<String> earnOnUnknown = post("/loyalty-accounts/never-opened/earn", "{\"points\":5}", null);
        assertThat(earnOnUnknown.statusCode()).isEqualTo(404);
        HttpResponse<String> invalid = post("/loyalty-accounts/acc-2/earn", "{\"points\":0}", null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        post("/loyalty-accounts/acc-2/open", "{\"customerId\":\"c-2\"}", null);
        HttpResponse<String> again = post("/loyalty-accounts/acc-2/open", "{\"customerId\":\"c-2\"}", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("code").asText()).isEqualTo("ACCOUNT_ALREADY_OPEN");
    }

    @Test
    void lists_a_customers_accounts_from_the_read_model() throws Exception {
        post("/loyalty-accounts/acc-3/open", "{\"customerId\":\"c-3\"}", null);
        post("/loyalty-accounts/acc-4/open", "{\"customerId\":\"c-3\"}", null);
        post("/loyalty-accounts/acc-4/earn", "{\"points\":40}", null);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = json(get("/loyalty-accounts?customerId=c-3")).path("items");
            assertThat(items).hasSize(2);
            assertThat(items.findValuesAsText("accountId")).containsExactlyInAnyOrder("acc-3", "acc-4");
            assertThat(items.findValues("points")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(0L, 40L);
        });
    }

    private static HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(node.httpUrl() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
