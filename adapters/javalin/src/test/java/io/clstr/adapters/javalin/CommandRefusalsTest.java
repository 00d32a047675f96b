package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refusals of a command as a whole, whatever its content: a reused key, a command too large to store. */
class CommandRefusalsTest {

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
    void a_key_first_used_for_a_different_request_is_422_with_a_stable_code() {
        api.orders.nextCommand(() -> CompletableFuture.failedFuture(
                new CommandIdReusedException("command id 'key-1' was first used for a different request")));

        HttpResponse<String> response = api.post("/orders", TestApi.PLACE_ORDER, "Idempotency-Key", "key-1");

        JsonNode problem = assertProblem(response, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(problem.path("detail").asText()).contains("Idempotency-Key").doesNotContain("command id");
    }

    @Test
    void every_command_route_maps_it_alike() {
        String order = api.post("/orders", TestApi.PLACE_ORDER).headers().firstValue("Location").orElseThrow();
        api.orders.nextCommand(() -> CompletableFuture.failedFuture(new CommandIdReusedException("reused")));

        assertProblem(api.send("POST", order + "/confirm", BodyPublishers.noBody(), "Idempotency-Key", "key-2"), 422,
                "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_command_too_large_to_store_is_413() {
        api.orders.nextCommand(() -> CompletableFuture.failedFuture(
                new CommandTooLargeException("the command's events take 2000000 bytes")));

        JsonNode problem = assertProblem(api.post("/orders", TestApi.PLACE_ORDER), 413, "PAYLOAD_TOO_LARGE");

        assertThat(problem.path("detail").asText()).doesNotContain("2000000");
    }
}
