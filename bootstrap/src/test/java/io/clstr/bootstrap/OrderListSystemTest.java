package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /orders}: the order read model, kept by its projection on the node. It follows the event feed, so
 * it may lag the commands by a moment: the tests wait for it.
 */
class OrderListSystemTest {

    private static final Duration PROJECTION_LAG = Duration.ofSeconds(30);
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void placed_orders_are_listed_newest_first_with_their_summary() {
        String first = orderOf("ada");
        String second = orderOf("ada");

        await().atMost(PROJECTION_LAG).untilAsserted(() -> assertThat(ids(list("?customerId=ada")))
                .containsExactly(idOf(second), idOf(first)));

        JsonNode summary = json(list("?customerId=ada")).path("items").path(0);
        assertThat(summary.path("customerId").asText()).isEqualTo("ada");
        assertThat(summary.path("status").asText()).isEqualTo("PLACED");
        assertThat(summary.path("currency").asText()).isEqualTo("EUR");
        assertThat(summary.path("total").asText()).isEqualTo("19.98");
        assertThat(summary.path("lineCount").asInt()).isEqualTo(1);
        assertThat(summary.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void the_list_follows_changes_and_filters_by_status() {
        String confirmed = orderOf("grace");
        String placed = orderOf("grace");
        node.post(confirmed + "/confirm", null);

        await().atMost(PROJECTION_LAG).untilAsserted(() -> {
            assertThat(ids(list("?customerId=grace&status=CONFIRMED"))).containsExactly(idOf(confirmed));
            assertThat(ids(list("?customerId=grace&status=PLACED"))).containsExactly(idOf(placed));
        });
    }

    @Test
    void pages_follow_one_another_through_the_cursor() {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(0, idOf(orderOf("linus")));
        }
        await().atMost(PROJECTION_LAG).untilAsserted(() -> assertThat(ids(list("?customerId=linus"))).hasSize(3));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(list("?customerId=linus&limit=2"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            page.path("items").forEach(item -> paged.add(item.path("orderId").asText()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(paged).isEqualTo(placed);
    }

    @Test
    void an_unknown_status_is_400() {
        assertProblem(node.get("/orders?status=LOST"), 400, "VALIDATION_FAILED");
    }

    private static String orderOf(String customer) {
        HttpResponse<String> placed = node.post("/orders", TestNode.PLACE_ORDER.replace("c-1", customer));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return placed.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<String> list(String query) {
        HttpResponse<String> listed = node.get("/orders" + query);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return listed;
    }

    private static List<String> ids(HttpResponse<String> listed) {
        List<String> ids = new ArrayList<>();
        json(listed).path("items").forEach(item -> ids.add(item.path("orderId").asText()));
        return ids;
    }

    private static String idOf(String location) {
        return location.substring("/orders/".length());
    }
}
