package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client error status of the API, each an RFC 9457 problem with its stable code, on a node wired as
 * {@code java -jar clstr.jar} wires it. 412 is in {@link OrderLifecycleSystemTest}; 409 for a concurrency
 * conflict and 503 are in {@link InfrastructureFailureSystemTest} and {@link ReadinessSystemTest}.
 */
class ErrorResponsesSystemTest {

    private static final int MAX_BODY = 1024;
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("CLSTR_HTTP_MAX_BODY", String.valueOf(MAX_BODY)));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void a_body_that_is_not_json_is_400_malformed() {
        assertProblem(node.post("/orders", "{\"customerId\":"), 400, "MALFORMED_JSON");
    }

    @Test
    void a_field_of_the_wrong_type_is_400_naming_the_field() {
        String body = "{\"customerId\":\"c-1\",\"currency\":\"EUR\","
                + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":\"two\",\"unitPrice\":\"9.99\"}]}";

        assertFieldError(node.post("/orders", body), "lines[0].quantity", "must be an integer");
    }

    @Test
    void a_missing_field_is_400_naming_the_field() {
        String body = "{\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"9.99\"}]}";

        assertFieldError(node.post("/orders", body), "customerId", "is required");
    }

    @Test
    void an_invalid_value_is_400_naming_the_field() {
        String body = "{\"customerId\":\"c-1\",\"currency\":\"EUR\","
                + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":0,\"unitPrice\":\"9.99\"}]}";

        assertFieldError(node.post("/orders", body), "lines[0].quantity", "must be positive");
    }

    @Test
    void an_unusable_idempotency_key_is_400() {
        assertFieldError(node.post("/orders", TestNode.PLACE_ORDER, "Idempotency-Key", "not a key"),
                "Idempotency-Key", "must have 1 to 128 characters from A-Z a-z 0-9 . _ ~ : + / = -");
    }

    @Test
    void an_unknown_order_is_404_for_reads_and_commands() {
        assertProblem(node.get("/orders/no-such-order"), 404, "NOT_FOUND");
        assertProblem(node.post("/orders/no-such-order/confirm", null), 404, "NOT_FOUND");
    }

    @Test
    void an_unknown_route_is_404() {
        assertProblem(node.get("/no/such/route"), 404, "NOT_FOUND");
    }

    @Test
    void a_method_the_route_does_not_take_is_405_with_the_allowed_ones() {
        HttpResponse<String> response = node.send("PUT", "/orders", TestNode.PLACE_ORDER,
                "Content-Type", "application/json");

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
                allowed -> assertThat(allowed).contains("GET").contains("POST"));
    }

    @Test
    void shipping_an_order_that_is_not_confirmed_is_409_with_the_business_code() {
        String order = node.placeOrder();

        JsonNode problem = assertProblem(node.post(order + "/ship", "{\"trackingNumber\":\"TRACK-1\"}"), 409,
                "ORDER_NOT_CONFIRMED");

        assertThat(problem.path("detail").asText()).contains("confirmed");
    }

    @Test
    void confirming_twice_is_409_and_the_second_confirmation_changes_nothing() {
        String order = node.placeOrder();
        node.post(order + "/confirm", null);

        assertProblem(node.post(order + "/confirm", null), 409, "ORDER_ALREADY_CONFIRMED");
        assertThat(node.get(order).headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void a_body_over_the_configured_limit_is_413() {
        String reason = "x".repeat(MAX_BODY);

        assertProblem(node.post(node.placeOrder() + "/cancel", "{\"reason\":\"" + reason + "\"}"), 413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_body_that_is_not_json_by_its_media_type_is_415() {
        assertProblem(node.post("/orders", TestNode.PLACE_ORDER, "Content-Type", "text/plain"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void no_problem_leaks_internal_names() {
        HttpResponse<String> problem = node.post("/orders", "{\"customerId\":");

        assertThat(problem.body()).doesNotContain("io.clstr", "Exception");
    }

    private static void assertFieldError(HttpResponse<String> response, String field, String message) {
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
        assertThat(problem.path("errors").path(0).path("message").asText()).isEqualTo(message);
    }
}
