package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.javalin.RecordingHttpMetrics.Recorded;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void forget_earlier_requests() {
        api.metrics.requests.clear();
    }

    @Test
    void each_request_is_reported_with_its_route_template_not_its_path() {
        String location = api.post("/orders", TestApi.PLACE_ORDER).headers().firstValue("Location").orElseThrow();
        api.get(location);
        api.get("/orders/unknown-order");
        api.send("DELETE", location + "/lines/line-1", BodyPublishers.noBody());
        api.post("/counters/c-42/increment", "{}");

        assertThat(reported(5)).containsExactly(
                "POST /orders 201",
                "GET /orders/{id} 200",
                "GET /orders/{id} 404",
                "DELETE /orders/{id}/lines/{lineId} 200",
                "POST /counters/{id}/increment 200");
    }

    @Test
    void requests_that_match_no_route_share_one_label() {
        api.get("/no/such/path/1");
        api.get("/no/such/path/2");
        api.send("PUT", "/orders", BodyPublishers.noBody());

        assertThat(reported(3)).containsExactly(
                "GET " + HttpServer.UNMATCHED_ROUTE + " 404",
                "GET " + HttpServer.UNMATCHED_ROUTE + " 404",
                "PUT " + HttpServer.UNMATCHED_ROUTE + " 405");
    }

    @Test
    void refused_requests_are_reported_with_their_status() {
        api.post("/orders", "{");
        api.post("/orders", TestApi.PLACE_ORDER, "Content-Type", "text/plain");

        assertThat(reported(2)).containsExactly("POST /orders 400", "POST /orders 415");
    }

    @Test
    void the_duration_is_reported_in_nanoseconds() {
        api.get("/health/live");

        await().atMost(Duration.ofSeconds(10)).until(() -> !api.metrics.requests.isEmpty());
        Recorded recorded = api.metrics.requests.get(0);
        assertThat(recorded.nanos()).isPositive().isLessThan(Duration.ofSeconds(30).toNanos());
    }

    /** The server reports once the response is written, so the client may see the response first. */
    private static List<String> reported(int requests) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.metrics.requests.size() >= requests);
        return api.metrics.requests.stream()
                .map(request -> request.method() + " " + request.route() + " " + request.status())
                .collect(Collectors.toList());
    }
}
