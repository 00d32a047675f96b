package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clstr.adapters.javalin.internal.OperationsRoutes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationsApiTest {

    private static final AtomicInteger SCRAPES = new AtomicInteger();
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(HttpSettings.onPort(0), new PlainRoute("/metrics",
                "text/plain; version=0.0.4; charset=utf-8",
                () -> "clstr_http_scrapes_total " + SCRAPES.incrementAndGet() + "\n"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void liveness_is_up() {
        HttpResponse<String> response = api.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readiness_is_up_when_the_node_is_ready() {
        HttpResponse<String> response = api.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void the_cluster_view_lists_members_and_shards_in_order() {
        HttpResponse<String> response = api.get("/cluster");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"nodeId\":\"node-1\",\"cluster\":\"orders\",\"shardCount\":4,"
                + "\"members\":[{\"nodeId\":\"node-1\",\"lastHeartbeat\":\"2026-01-31T12:00:00Z\"},"
                + "{\"nodeId\":\"node-2\",\"lastHeartbeat\":\"2026-01-31T12:00:01.500Z\"}],"
                + "\"shardOwners\":{\"0\":\"node-1\",\"1\":\"node-2\",\"2\":\"node-1\",\"3\":\"node-2\"},"
                + "\"ownedShards\":[0,2],\"activeEntities\":{\"counter\":3,\"order\":12}}");
    }

    @Test
    void the_api_document_is_served_as_the_server_assembled_it() throws IOException {
        HttpResponse<String> response = api.get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(response.body()).isEqualTo(new String(api.server.apiDocument(), StandardCharsets.UTF_8));
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(response.body());
        assertThat(document.path("paths").has(OperationsRoutes.LIVE)).isTrue();
    }

    @Test
    void an_extra_plain_route_serves_its_supplier_with_its_content_type() {
        HttpResponse<String> first = api.get("/metrics");
        HttpResponse<String> second = api.get("/metrics");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(second.body()).isEqualTo("clstr_http_scrapes_total " + (Integer.parseInt(first.body().trim()
                .substring("clstr_http_scrapes_total ".length())) + 1) + "\n");
    }

    @Test
    void the_extra_route_is_listed_with_the_api_routes() {
        assertThat(api.server.routes()).contains(new Route("GET", "/metrics"), new Route("GET", "/health/live"));
        // region sample
        assertThat(api.server.routes()).contains(new Route("GET", "/orders/{id}"));
        // endregion sample
    }
}
