package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.ports.in.order.ListOrdersQuery.OrderFilter;
import io.clstr.ports.in.order.ListOrdersQuery.OrderSummary;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.request.Page;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderApiTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void placing_an_order_answers_201_with_its_location_etag_and_document() {
        HttpResponse<String> response = api.post("/orders", TestApi.PLACE_ORDER);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode order = json(response);
        String orderId = order.path("orderId").asText();
        assertThat(orderId).isNotBlank();
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + orderId);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(order.path("customerId").asText()).isEqualTo("c-1");
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        assertThat(order.path("currency").asText()).isEqualTo("EUR");
        assertThat(order.path("total").isTextual()).isTrue();
        assertThat(order.path("total").asText()).isEqualTo("19.98");
        assertThat(order.path("version").asLong()).isEqualTo(1);
        assertThat(order.path("placedAt").asText()).isEqualTo("2026-01-31T12:00:00Z");
        JsonNode line = order.path("lines").path(0);
        assertThat(line.path("lineId").asText()).isEqualTo("line-1");
        assertThat(line.path("sku").asText()).isEqualTo("SKU-1");
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("unitPrice").asText()).isEqualTo("9.99");
        assertThat(line.path("lineTotal").asText()).isEqualTo("19.98");
    }

    @Test
    void the_order_document_leaves_out_what_has_not_happened_yet() {
        JsonNode order = api.placeSampleOrder();

        assertThat(order.has("confirmedAt")).isFalse();
        assertThat(order.has("cancelledAt")).isFalse();
        assertThat(order.has("cancellationReason")).isFalse();
        assertThat(order.has("shippedAt")).isFalse();
        assertThat(order.has("trackingNumber")).isFalse();
    }

    @Test
    void placing_passes_the_validated_lines_to_the_use_case_with_their_optional_ids() {
        api.post("/orders", "{\"customerId\":\"c-9\",\"currency\":\"USD\",\"lines\":["
                + "{\"lineId\":\"a\",\"sku\":\"S-1\",\"quantity\":1,\"unitPrice\":\"0\"},"
                + "{\"sku\":\"S-2\",\"quantity\":3,\"unitPrice\":\"1.5\"}]}");

        assertThat(api.orders.calls).contains(List.of("place", "c-9", "USD", List.of(
                new NewOrderLine("a", "S-1", 1, new BigDecimal("0")),
                new NewOrderLine(null, "S-2", 3, new BigDecimal("1.5")))));
    }

    @Test
    void an_order_is_read_back_with_its_etag() {
        JsonNode placed = api.placeSampleOrder();
        String orderId = placed.path("orderId").asText();

        HttpResponse<String> response = api.get("/orders/" + orderId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(response)).isEqualTo(placed);
    }

    @Test
    void an_order_walks_through_its_lifecycle() {
        String orderId = api.placeSampleOrder().path("orderId").asText();
        String path = "/orders/" + orderId;

        HttpResponse<String> added = api.post(path + "/lines",
                "{\"lineId\":\"gift\",\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":\"5.00\"}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).path("total").asText()).isEqualTo("24.98");
        assertThat(added.headers().firstValue("ETag")).hasValue("\"2\"");

        HttpResponse<String> changed = api.patch(path + "/lines/gift", "{\"quantity\":3}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).path("lines").path(1).path("quantity").asInt()).isEqualTo(3);
        assertThat(json(changed).path("total").asText()).isEqualTo("34.98");

        HttpResponse<String> removed = api.send("DELETE", path + "/lines/gift", BodyPublishers.noBody());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).path("lines")).hasSize(1);

        HttpResponse<String> confirmed = api.send("POST", path + "/confirm", BodyPublishers.noBody());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(json(confirmed).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(json(confirmed).path("confirmedAt").asText()).isEqualTo("2026-01-31T12:04:00Z");

        HttpResponse<String> shipped = api.post(path + "/ship", "{\"trackingNumber\":\"TRACK-1\"}");
        assertThat(shipped.statusCode()).isEqualTo(200);
        assertThat(json(shipped).path("status").asText()).isEqualTo("SHIPPED");
        assertThat(json(shipped).path("trackingNumber").asText()).isEqualTo("TRACK-1");
        assertThat(json(shipped).path("version").asLong()).isEqualTo(6);
    }

    @Test
    void cancelling_records_the_reason() {
        String orderId = api.placeSampleOrder().path("orderId").asText();

        HttpResponse<String> response = api.post("/orders/" + orderId + "/cancel", "{\"reason\":\"changed my mind\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(response).path("cancellationReason").asText()).isEqualTo("changed my mind");
        assertThat(api.orders.calls).contains(List.of("cancel", orderId, "changed my mind"));
    }

    @Test
    void an_order_is_read_as_of_an_earlier_version() {
        String orderId = api.placeSampleOrder().path("orderId").asText();
        api.send("POST", "/orders/" + orderId + "/confirm", BodyPublishers.noBody());

        HttpResponse<String> response = api.get("/orders/" + orderId + "?version=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(response).path("status").asText()).isEqualTo("PLACED");
        assertThat(api.orders.calls).contains(List.of("getAtVersion", orderId, 1L));
    }

    @Test
    void the_audit_trail_lists_every_event_with_its_type_time_command_and_data() {
        String orderId = api.placeSampleOrder().path("orderId").asText();
        api.send("POST", "/orders/" + orderId + "/confirm", BodyPublishers.noBody());

        HttpResponse<String> response = api.get("/orders/" + orderId + "/events");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode history = json(response);
        assertThat(history.path("orderId").asText()).isEqualTo(orderId);
        JsonNode placed = history.path("events").get(0);
        assertThat(placed.path("version").asLong()).isEqualTo(1);
        assertThat(placed.path("type").asText()).isEqualTo("order.placed.v1");
        assertThat(placed.path("recordedAt").asText()).isEqualTo("2026-01-31T12:00:00Z");
        assertThat(placed.path("commandId").asText()).isEqualTo("cmd-1");
        assertThat(placed.path("data").path("customerId").asText()).isEqualTo("c-1");
        JsonNode price = placed.path("data").path("lines").get(0).path("unitPrice").path("amount");
        assertThat(price.isTextual()).as("money is a decimal string").isTrue();
        assertThat(price.asText()).isEqualTo("9.99");
        assertThat(history.path("events").get(1).path("type").asText()).isEqualTo("order.confirmed.v1");
    }

    @Test
    void the_audit_trail_of_an_unknown_order_is_404() {
        HttpResponse<String> response = api.get("/orders/nope/events");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void an_order_is_read_as_of_an_instant() {
        String orderId = api.placeSampleOrder().path("orderId").asText();
        api.send("POST", "/orders/" + orderId + "/confirm", BodyPublishers.noBody());

        HttpResponse<String> before = api.get("/orders/" + orderId + "?asOf=2026-01-31T12:00:30Z");
        HttpResponse<String> after = api.get("/orders/" + orderId + "?asOf=2026-01-31T12:01:00Z");

        assertThat(json(before).path("status").asText()).isEqualTo("PLACED");
        assertThat(json(after).path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void listing_passes_filters_and_paging_and_returns_summaries_with_the_next_cursor() {
        api.orders.page(new Page<>(List.of(new OrderSummary("order-7", "c-1", "PLACED", "EUR",
                new BigDecimal("19.98"), 1, 1, FakeOrders.T0)), "next-page"));

        HttpResponse<String> response = api.get("/orders?status=PLACED&customerId=c-1&limit=10&cursor=abc");

        assertThat(response.statusCode()).isEqualTo(200);
        OrderFilter filter = new OrderFilter(Optional.of("PLACED"), Optional.of("c-1"));
        assertThat(api.orders.lastList.get()).isEqualTo(new FakeOrders.ListCall(filter, 10, "abc"));
        JsonNode page = json(response);
        assertThat(page.path("nextCursor").asText()).isEqualTo("next-page");
        JsonNode item = page.path("items").path(0);
        assertThat(item.path("orderId").asText()).isEqualTo("order-7");
        assertThat(item.path("total").asText()).isEqualTo("19.98");
        assertThat(item.path("lineCount").asInt()).isEqualTo(1);
        assertThat(item.path("placedAt").asText()).isEqualTo("2026-01-31T12:00:00Z");
    }

    @Test
    void listing_without_parameters_asks_for_the_default_page_of_every_order() {
        api.orders.page(new Page<>(List.of(), null));

        HttpResponse<String> response = api.get("/orders");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.orders.lastList.get()).isEqualTo(new FakeOrders.ListCall(OrderFilter.any(), 50, null));
        assertThat(response.body()).isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    @Test
    void listing_accepts_the_largest_page() {
        HttpResponse<String> response = api.get("/orders?limit=200");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.orders.lastList.get().pageSize()).isEqualTo(200);
    }

    @Test
    void ids_with_reserved_characters_travel_encoded_in_paths() {
        HttpResponse<String> response = api.get("/orders/a%20b%2Fc");

        TestApi.assertProblem(response, 404, "NOT_FOUND");
        assertThat(api.orders.calls).contains(List.of("get", "a b/c"));
    }
}
