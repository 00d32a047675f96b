package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.bootstrap.config.LogConfig;
import io.clstr.bootstrap.config.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Logs at info and above carry no payloads, secrets or personal data. A node logs as {@code java -jar clstr.jar}
 * sets it up, access log on, while every route is driven with recognisable marker values in bodies, query
 * strings, headers and settings; then no marker may appear anywhere in what it wrote to standard error.
 */
class SensitiveLogsSystemTest {

    private static final String SECRET = "MarkerSecret7319";
    private static final String PASSWORD = "MarkerPassword4407";
    // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
    private static final String CUSTOMER = "MarkerCustomer5521";
    private static final String SKU = "MarkerSku8830";
    private static final String TRACKING = "MarkerTracking2264";
    private static final String REASON = "MarkerReason6151";
    private static final String NOT_A_CURRENCY = "MarkerCurrency9906";
    // endregion sample
    /** Credentials a client sends with every request; they must never be logged. */
    private static final String[] CREDENTIALS = {"Authorization", "Bearer " + SECRET, "Cookie", "session=" + SECRET};

    private final PrintStream standardError = System.err;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<String> requested = new ArrayList<>();

    @AfterEach
    void restoreLogging() {
        System.setErr(standardError);
        LogSetup.apply(LogConfig.defaults(), null);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void no_marker_value_reaches_the_logs(LogFormat format) {
        // The node's password is a setting too; the in-memory backend does not use it, but holds it.
        Map<String, String> environment = Map.of("CLSTR_NODE_ID", "quiet", "CLSTR_NATS_USER", "app",
                "CLSTR_NATS_PASSWORD", PASSWORD);
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        LogSetup.apply(new LogConfig(format, "info", Map.of(), true), "quiet");
        try (TestNode node = TestNode.start(environment)) {
            call(node, "GET", "/health/live", null);
            call(node, "GET", "/health/ready", null);
            call(node, "GET", "/cluster", null);
            call(node, "GET", "/metrics", null);
            call(node, "GET", "/no/such/route?token=" + SECRET, null);
            // region sample
            driveTheSampleRoutes(node);
            // endregion sample
        }
        // The node has stopped: every line is written.
        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();

        // The access log proves the capture saw the requests: one line each.
        assertThat(lines).filteredOn(line -> line.contains("AccessLog")).hasSize(requested.size());
        for (String marker : markers()) {
            assertThat(lines).as("lines with %s", marker).noneMatch(line -> line.contains(marker));
        }
    }

    private static List<String> markers() {
        List<String> markers = new ArrayList<>(List.of(SECRET, PASSWORD));
        // region sample
        markers.addAll(List.of(CUSTOMER, SKU, TRACKING, REASON, NOT_A_CURRENCY));
        // endregion sample
        return markers;
    }

    // region sample
    private void driveTheSampleRoutes(TestNode node) {
        String order = location(call(node, "POST", "/orders", "{\"customerId\":\"" + CUSTOMER + "\",\"currency\":\"EUR\","
                + "\"lines\":[{\"lineId\":\"l-1\",\"sku\":\"" + SKU + "\",\"quantity\":2,\"unitPrice\":\"9.99\"}]}"));
        call(node, "POST", order + "/lines", "{\"lineId\":\"l-2\",\"sku\":\"" + SKU + "\",\"quantity\":1,"
                + "\"unitPrice\":\"5.00\"}");
        call(node, "PATCH", order + "/lines/l-2", "{\"quantity\":3}");
        call(node, "DELETE", order + "/lines/l-2", null);
        call(node, "POST", order + "/confirm", null);
        call(node, "POST", order + "/ship", "{\"trackingNumber\":\"" + TRACKING + "\"}");
        call(node, "GET", order, null);
        call(node, "GET", order + "?version=1", null);
        call(node, "GET", order + "/events", null);
        call(node, "GET", "/orders?customerId=" + CUSTOMER + "&status=SHIPPED", null);
        String cancelled = location(call(node, "POST", "/orders", TestNode.PLACE_ORDER));
        call(node, "POST", cancelled + "/cancel", "{\"reason\":\"" + REASON + "\"}");
        // Refused requests: the problems name the fields, the logs name nothing of the values.
        call(node, "POST", "/orders", "{\"customerId\":\"" + CUSTOMER + "\",\"currency\":\"" + NOT_A_CURRENCY
                + "\",\"lines\":[]}");
        call(node, "POST", "/orders", "{\"customerId\":\"" + CUSTOMER + "\",");
        call(node, "POST", order + "/ship", "{\"trackingNumber\":\"" + TRACKING + "\"}");
        call(node, "GET", "/orders/unknown-order", null);
        call(node, "POST", "/counters/visits/increment", "{\"amount\":2}");
        call(node, "GET", "/counters/visits", null);
    }

    private static String location(HttpResponse<String> placed) {
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return placed.headers().firstValue("Location").orElseThrow();
    }
    // endregion sample

    private HttpResponse<String> call(TestNode node, String method, String path, String json) {
        requested.add(method + " " + path);
        String[] headers = json == null ? CREDENTIALS : withJson(CREDENTIALS);
        return node.send(method, path, json, headers);
    }

    private static String[] withJson(String[] headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return all;
    }
}
