package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real node, wired by {@link Node} exactly as {@code java -jar clstr.jar} wires it, on a free port, with an
 * HTTP client to drive it. Settings come as environment variables through the real parser. Every response
 * is checked against the API document the node serves ({@link DocumentedResponses}).
 */
final class TestNode implements AutoCloseable {

    // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
    static final String PLACE_ORDER = "{\"customerId\":\"c-1\",\"currency\":\"EUR\","
            + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"9.99\"}]}";
    // endregion sample
    static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Node node;
    private final DocumentedResponses documented;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private TestNode(Node node) {
        this.node = node;
        this.documented = DocumentedResponses.of(node.apiDocument());
    }

    /** A ready node on the in-memory backend. */
    static TestNode start(Map<String, String> environment) {
        return started(environment, Backend.inMemory());
    }

    /** A node on this backend, ready once the cluster gave it its shards. */
    static TestNode started(Map<String, String> environment, Backend backend) {
        TestNode started = open(environment, backend);
        started.node.awaitShards(Duration.ofSeconds(30));
        started.node.markReady();
        return started;
    }

    static TestNode start() {
        return start(Map.of());
    }

    /** A node that serves HTTP on this backend but is not ready yet. */
    static TestNode open(Map<String, String> environment, Backend backend) {
        return new TestNode(Node.open(config(environment), backend, Clock.systemUTC(), ServiceContexts.ALL));
    }

    /** The configuration the parser makes of these variables, on any free port unless they say otherwise. */
    static ClstrConfig config(Map<String, String> environment) {
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.putIfAbsent("CLSTR_HTTP_PORT", "0");
        return new ConfigParser(withPort).parse(List.of());
    }

    Node node() {
        return node;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A JSON POST; {@code null} sends no body. */
    HttpResponse<String> post(String path, String json, String... headers) {
        return send("POST", path, json, json == null ? headers : withJsonType(headers));
    }

    /** A GET on the management listener (the API's when there is none). */
    HttpResponse<String> getOnManagement(String path) {
        return send(URI.create(node.managementUrl() + path), "GET", null);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(URI.create(node.httpUrl() + path), method, body, headers);
    }

    private HttpResponse<String> send(URI uri, String method, String body, String... headers) {
        String path = uri.getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(CALL_TIMEOUT)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            documented.check(method, uri.getRawPath(), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + path, e);
        }
    }

    // region sample
    /** Places the sample order and answers its path, {@code /orders/<id>}. */
    String placeOrder(String... headers) {
        HttpResponse<String> placed = post("/orders", PLACE_ORDER, headers);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return placed.headers().firstValue("Location").orElseThrow();
    }
    // endregion sample

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Asserts an RFC 9457 problem with this status and code, and answers it. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private static String[] withJsonType(String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    @Override
    public void close() {
        node.stop();
    }
}
