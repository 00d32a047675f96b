package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static io.clstr.bootstrap.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CounterSystemTest {

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
    void increments_add_up_and_read_back() {
        HttpResponse<String> first = node.post("/counters/visits/increment", null);
        HttpResponse<String> second = node.post("/counters/visits/increment", "{\"amount\":5}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).path("counterId").asText()).isEqualTo("visits");
        assertThat(json(first).path("value").asLong()).isEqualTo(1);
        assertThat(json(second).path("value").asLong()).isEqualTo(6);
        assertThat(second.headers().firstValue("ETag")).hasValue("\"2\"");
        HttpResponse<String> read = node.get("/counters/visits");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("value").asLong()).isEqualTo(6);
        assertThat(json(read).path("version").asLong()).isEqualTo(2);
    }

    @Test
    void an_increment_retried_with_its_idempotency_key_counts_once() {
        HttpResponse<String> first = node.post("/counters/retried/increment", null, "Idempotency-Key", "key-1");
        HttpResponse<String> retry = node.post("/counters/retried/increment", null, "Idempotency-Key", "key-1");

        assertThat(json(first).path("value").asLong()).isEqualTo(1);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retry).path("value").asLong()).isEqualTo(1);
        assertThat(json(node.get("/counters/retried")).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void a_counter_never_incremented_is_not_found() {
        assertProblem(node.get("/counters/never"), 404, "NOT_FOUND");
    }

    @Test
    void an_increment_that_is_not_positive_is_invalid() {
        assertProblem(node.post("/counters/refused/increment", "{\"amount\":0}"), 400, "VALIDATION_FAILED");
        assertProblem(node.get("/counters/refused"), 404, "NOT_FOUND");
    }
}
