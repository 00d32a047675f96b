package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.javalin.counter.CounterRoutes;
import io.clstr.adapters.javalin.order.OrderRoutes;
import io.clstr.ports.in.UseCases;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** A real {@link HttpServer} on a free port over fake ports, and a client for it. */
final class TestApi implements AutoCloseable {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What must never reach a client: stack frames, exception and package names. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\tat |java\\.|javax\\.|jakarta\\.|io\\.clstr|io\\.javalin|org\\.eclipse|com\\.fasterxml",
            Pattern.CASE_INSENSITIVE);

    // region sample: tools/MakeItYours.java --without-samples deletes the samples' fakes.
    final FakeOrders orders = new FakeOrders();
    final FakeCounters counters = new FakeCounters();
    // endregion sample
    final FakeOperations operations = new FakeOperations();
    final RecordingHttpMetrics metrics = new RecordingHttpMetrics();
    final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestApi(HttpSettings settings, List<PlainRoute> extraRoutes) {
        UseCases useCases = new UseCases(List.of(
                // region sample
                orders, counters,
                // endregion sample
                operations));
        List<RouteGroup> routeGroups = List.of(
                // region sample
                OrderRoutes::new, CounterRoutes::new
                // endregion sample
        );
        server = new HttpServer(settings, useCases, routeGroups, metrics, extraRoutes).start();
    }

    static TestApi start() {
        return start(HttpSettings.onPort(0));
    }

    static TestApi start(HttpSettings settings, PlainRoute... extraRoutes) {
        return new TestApi(settings, List.of(extraRoutes));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    /** A GET on the management listener (the API port when there is none). */
    HttpResponse<String> getOnManagement(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.managementPort() + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.sendAsync(request, BodyHandlers.ofString()).join();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    /** A JSON body with {@code Content-Type: application/json}. */
    HttpResponse<String> post(String path, String json, String... headers) {
        return send("POST", path, BodyPublishers.ofString(json), withJsonType(headers));
    }

    HttpResponse<String> patch(String path, String json, String... headers) {
        return send("PATCH", path, BodyPublishers.ofString(json), withJsonType(headers));
    }

    HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers) {
        return sendAsync(method, path, body, headers).join();
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, BodyPublisher body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.sendAsync(request.build(), BodyHandlers.ofString());
    }

    /**
     * Sends raw HTTP/1.1, for requests {@link java.net.http.HttpClient} will not make: lying about the body's
     * length, or a path that is not valid percent-encoding. Returns the whole response, head and body.
     */
    String raw(String requestHead) {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places the order of the API guide: two of SKU-1 at 9.99. */
    JsonNode placeSampleOrder() {
        HttpResponse<String> response = post("/orders", PLACE_ORDER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    static final String PLACE_ORDER = "{\"customerId\":\"c-1\",\"currency\":\"EUR\","
            + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"9.99\"}]}";

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the response is the problem with this status and code, and gives nothing internal away. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText())
                .isEqualTo("/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContainPattern(INTERNALS);
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
        all[1] = JSON;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
    }
}
