package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CounterApiTest {

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
    void an_increment_with_an_amount_adds_it() {
        HttpResponse<String> response = api.post("/counters/visits/increment", "{\"amount\":5}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"counterId\":\"visits\",\"value\":5,\"version\":1}");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void an_increment_without_a_body_adds_one() {
        HttpResponse<String> response = api.send("POST", "/counters/clicks/increment", BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("value").asLong()).isEqualTo(1);
    }

    @Test
    void an_increment_with_an_empty_body_or_object_adds_one() {
        api.post("/counters/taps/increment", "");
        HttpResponse<String> response = api.post("/counters/taps/increment", "{}");

        assertThat(json(response).path("value").asLong()).isEqualTo(2);
        assertThat(json(response).path("version").asLong()).isEqualTo(2);
        assertThat(api.counters.amounts.subList(api.counters.amounts.size() - 2, api.counters.amounts.size()))
                .containsExactly(1L, 1L);
    }

    @Test
    void a_counter_is_read_back() {
        api.post("/counters/likes/increment", "{\"amount\":3}");
        api.post("/counters/likes/increment", "{\"amount\":4}");

        HttpResponse<String> response = api.get("/counters/likes");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"counterId\":\"likes\",\"value\":7,\"version\":2}");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
    }
}
