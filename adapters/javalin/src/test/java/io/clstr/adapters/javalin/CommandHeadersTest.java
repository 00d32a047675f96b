package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static io.clstr.adapters.javalin.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.ports.in.request.RequestContext;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandHeadersTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(7);
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(HttpSettings.onPort(0).withRequestTimeout(REQUEST_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void the_idempotency_key_becomes_the_command_id() {
        api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", "3f8a7c1e-place-1");

        assertThat(api.orders.lastContext()).isEqualTo(RequestContext.of("3f8a7c1e-place-1", REQUEST_TIMEOUT));
    }

    @Test
    void without_an_idempotency_key_each_command_gets_a_fresh_uuid() {
        api.post("/orders", TestApi.PLACE_ORDER);
        String first = api.orders.lastContext().commandId();
        api.post("/orders", TestApi.PLACE_ORDER);
        String second = api.orders.lastContext().commandId();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void a_repeated_idempotency_key_returns_the_first_outcome_marked_as_replayed() {
        HttpResponse<String> first = api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", "retry-me");
        HttpResponse<String> retry = api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", "retry-me");

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(json(retry).path("orderId")).isEqualTo(json(first).path("orderId"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote\"d", "ümlaut"})
    void an_idempotency_key_with_other_characters_is_refused(String key) {
        JsonNode problem = assertProblem(api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", key), 400,
                "VALIDATION_FAILED");

        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void an_idempotency_key_longer_than_a_command_id_is_refused() {
        String key = "k".repeat(RequestContext.MAX_COMMAND_ID_LENGTH + 1);

        assertProblem(api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", key), 400, "VALIDATION_FAILED");
        assertThat(api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", key.substring(1)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void if_match_with_the_current_etag_lets_the_command_through() {
        HttpResponse<String> placed = api.post("/orders", TestApi.PLACE_ORDER);
        String etag = placed.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> confirmed = api.send("POST", placed.headers().firstValue("Location").orElseThrow()
                + "/confirm", BodyPublishers.noBody(), "If-Match", etag);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(api.orders.lastContext().expectedVersion()).isEqualTo(OptionalLong.of(1));
        assertThat(confirmed.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void if_match_accepts_a_bare_version() {
        String location = api.post("/orders", TestApi.PLACE_ORDER).headers().firstValue("Location").orElseThrow();

        api.send("POST", location + "/confirm", BodyPublishers.noBody(), "If-Match", "1");

        assertThat(api.orders.lastContext().expectedVersion()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void if_match_star_expects_no_particular_version() {
        String location = api.post("/orders", TestApi.PLACE_ORDER).headers().firstValue("Location").orElseThrow();

        api.send("POST", location + "/confirm", BodyPublishers.noBody(), "If-Match", "*");

        assertThat(api.orders.lastContext().expectedVersion()).isEmpty();
    }

    @Test
    void a_stale_if_match_is_refused_with_412_and_changes_nothing() {
        String location = api.post("/orders", TestApi.PLACE_ORDER).headers().firstValue("Location").orElseThrow();

        assertProblem(api.post(location + "/cancel", "{\"reason\":\"r\"}", "If-Match", "\"3\""), 412,
                "VERSION_MISMATCH");
        assertThat(json(api.get(location)).path("status").asText()).isEqualTo("PLACED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"1\"", "\"1\", \"2\"", "\"one\"", "-1"})
    void an_if_match_that_is_not_one_version_is_refused(String ifMatch) {
        JsonNode problem = assertProblem(api.send("POST", "/orders/order-1/confirm", BodyPublishers.noBody(),
                "If-Match", ifMatch), 400, "VALIDATION_FAILED");

        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("If-Match");
    }

    @Test
    void counters_take_the_same_headers() {
        api.send("POST", "/counters/hits/increment", BodyPublishers.noBody(),
                "Idempotency-Key", "inc-1", "If-Match", "\"4\"");

        assertThat(api.counters.contexts.get(api.counters.contexts.size() - 1))
                .isEqualTo(RequestContext.of("inc-1", REQUEST_TIMEOUT).expectingVersion(4));
    }
}
