package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A barrage of hostile requests against a node wired as {@code java -jar clstr.jar} wires it: malformed and
 * oversized bodies, numbers and nesting beyond reason, wrong media types, ids with invisible characters, path
 * tricks, bad headers and parameters, and commands that would change an order they must not. Every answer must
 * be a small 4xx problem document that gives nothing internal away, the node must stay ready, and an order placed
 * before the barrage must be exactly as it was after it.
 */
class HostileRequestsSystemTest {

    private static final int MAX_BODY = 64 * 1024;
    private static final String PROBLEM_JSON = "application/problem+json";
    /** What must never reach a client: stack frames, exception, class and package names. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|\\tat |\\bjava\\.|javax\\.|jakarta\\."
            + "|io\\.clstr|io\\.javalin|org\\.eclipse|com\\.fasterxml|io\\.nats|Jetty|Caused by", Pattern.CASE_INSENSITIVE);
    private static final String EUR_LINE = "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":\"9.99\"}";

    private static TestNode node;
    private static String probe;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        probe = node.placeOrder();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void every_hostile_request_gets_a_small_4xx_problem_and_changes_nothing() {
        String before = node.get(probe).body();
        List<Hostile> barrage = barrage();
        assertThat(barrage).hasSizeGreaterThanOrEqualTo(60);

        List<String> wrong = new ArrayList<>();
        for (Hostile hostile : barrage) {
            Answer answer = deliver(hostile.request());
            String problem = problemWith(answer);
            if (problem != null) {
                wrong.add(hostile.name() + ": " + problem + " (" + answer.status() + " " + answer.contentType() + ", "
                        + answer.body().substring(0, Math.min(300, answer.body().length())) + ")");
            }
        }

        assertThat(wrong).as("hostile requests answered wrongly").isEmpty();
        assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(node.get(probe).body()).as("the probe order after the barrage").isEqualTo(before);
    }

    /** What is wrong with this answer to a hostile request, or {@code null}. */
    private static String problemWith(Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "not a 4xx";
        }
        if (answer.body().length() > MAX_BODY) {
            return "a body of " + answer.body().length() + " characters";
        }
        if (answer.status() != 405 && !answer.contentType().startsWith(PROBLEM_JSON)) {
            return "not a problem document";
        }
        if (answer.contentType().startsWith(PROBLEM_JSON)) {
            if (!answer.body().contains("\"status\":" + answer.status()) || !answer.body().contains("\"code\":")) {
                return "a problem without its status or code";
            }
        }
        if (INTERNALS.matcher(answer.body()).find()) {
            return "internal names in the body";
        }
        return null;
    }

    private static List<Hostile> barrage() {
        String order = probe;
        String orderId = probe.substring("/orders/".length());
        List<Hostile> all = new ArrayList<>();

        // The examples.
        all.add(post("15,000 empty lines (45 KB)", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":["
                + String.join(",", Collections.nCopies(15_000, "{}")) + "]}"));
        all.add(get("a cursor that was never issued", "/orders?cursor=abc"));
        all.add(post("JPY with cents", "/orders", place("JPY", "9.99")));
        all.add(post("XXX, a currency without decimals", "/orders", place("XXX", "1")));
        all.add(post("XAU, gold", "/orders", place("XAU", "1")));
        all.add(get("a version beyond the latest", order + "?version=9"));
        all.add(get("an instant before the order", order + "?asOf=1970-01-01T00:00:00Z"));
        all.add(get("an order id with U+202E", "/orders/a%E2%80%AEb"));
        all.add(get("an order id with U+200B", "/orders/%E2%80%8Bx"));
        all.add(get("an order id with U+2028", "/orders/x%E2%80%A8"));
        all.add(get("an order id with U+FEFF", "/orders/%EF%BB%BFx"));
        all.add(get("a counter id with U+202E", "/counters/%E2%80%AE"));
        all.add(post("a customer id with U+202E", "/orders", "{\"customerId\":\"evil\\u202Egnp.exe\","
                + "\"currency\":\"EUR\",\"lines\":[" + EUR_LINE + "]}"));
        all.add(get("an order that does not exist", "/orders/no-such-order"));
        all.add(get("a counter that does not exist", "/counters/no-such-counter"));

        // Malformed JSON.
        all.add(post("a cut-off body", "/orders", "{\"customerId\":"));
        all.add(post("an array", "/orders", "[]"));
        all.add(post("null", "/orders", "null"));
        all.add(post("trailing garbage", "/orders", place("EUR", "1") + " trailing"));
        all.add(post("a duplicate field", "/orders", "{\"customerId\":\"a\",\"customerId\":\"b\",\"currency\":\"EUR\","
                + "\"lines\":[" + EUR_LINE + "]}"));
        all.add(post("single quotes", "/orders", "{'customerId':'c'}"));
        all.add(post("NaN", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"S\","
                + "\"quantity\":NaN,\"unitPrice\":\"1\"}]}"));
        all.add(post("an unknown field", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"admin\":true,"
                + "\"lines\":[" + EUR_LINE + "]}"));
        all.add(post("a string for a number", "/orders", line("\"quantity\":\"2\",\"unitPrice\":\"1\"")));
        all.add(post("a number for a string", "/orders", line("\"quantity\":2,\"unitPrice\":9.99")));
        all.add(post("an empty body", "/orders", ""));
        all.add(post("a body of blanks", "/orders", "   \n\t "));
        all.add(post("an invalid UTF-8 byte", "/orders", "{\"customerId\":\"c\u00ff\"}", "application/json",
                StandardCharsets.ISO_8859_1));

        // Numbers and nesting beyond reason.
        all.add(post("a quantity of 1e999999", "/orders", line("\"quantity\":1e999999,\"unitPrice\":\"1\"")));
        all.add(post("a quantity beyond a long", "/orders", line("\"quantity\":99999999999999999999999,"
                + "\"unitPrice\":\"1\"")));
        all.add(post("a 5,000-digit quantity", "/orders", line("\"quantity\":" + "9".repeat(5_000)
                + ",\"unitPrice\":\"1\"")));
        all.add(post("a price in exponent notation", "/orders", line("\"quantity\":1,\"unitPrice\":\"1e400\"")));
        all.add(post("a 20-digit price", "/orders", line("\"quantity\":1,\"unitPrice\":\"99999999999999999999.99\"")));
        all.add(post("a negative price", "/orders", line("\"quantity\":1,\"unitPrice\":\"-0.01\"")));
        all.add(post("an amount of 1e30", "/counters/c-1/increment", "{\"amount\":1e30}"));
        all.add(post("a negative amount", "/counters/c-1/increment", "{\"amount\":-5}"));
        all.add(post("arrays nested 5,000 deep", "/orders", "[".repeat(5_000) + "]".repeat(5_000)));
        all.add(post("objects nested 3,000 deep in a field", "/orders", "{\"customerId\":"
                + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000) + "}"));
        all.add(post("a 60 KB customer id", "/orders", "{\"customerId\":\"" + "c".repeat(60_000)
                + "\",\"currency\":\"EUR\",\"lines\":[" + EUR_LINE + "]}"));
        all.add(post("101 lines", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":["
                + String.join(",", Collections.nCopies(101, EUR_LINE)) + "]}"));
        all.add(post("100 lines of 3 errors each", "/orders", "{\"customerId\":\"c\",\"currency\":\"EUR\","
                + "\"lines\":[" + String.join(",", Collections.nCopies(100, "{\"quantity\":0}")) + "]}"));
        all.add(post("a body over 64 KiB", "/orders", "{\"customerId\":\"" + "c".repeat(70_000) + "\"}"));

        // Wrong media types.
        all.add(post("text/plain", "/orders", place("EUR", "1"), "text/plain", StandardCharsets.UTF_8));
        all.add(post("JSON in Latin-1", "/orders", place("EUR", "1"), "application/json; charset=iso-8859-1",
                StandardCharsets.UTF_8));
        all.add(post("JSON in UTF-16", "/orders", place("EUR", "1"), "application/json; charset=utf-16",
                StandardCharsets.UTF_8));
        all.add(post("XML", "/orders", "<order/>", "application/xml", StandardCharsets.UTF_8));
        all.add(post("a form", "/orders", "customerId=c&currency=EUR", "application/x-www-form-urlencoded",
                StandardCharsets.UTF_8));
        all.add(post("no content type", "/orders", place("EUR", "1"), null, StandardCharsets.UTF_8));
        all.add(raw("a gzip content encoding of plain bytes", "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n"
                + "Connection: close\r\n\r\nnope"));

        // Ids and paths.
        all.add(get("an order id of 129 characters", "/orders/" + "o".repeat(129)));
        all.add(get("a path of 20 KB", "/orders/" + "o".repeat(20_000)));
        all.add(get("a NUL in the id", "/orders/a%00b"));
        all.add(raw("a broken escape", "GET /orders/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        all.add(raw("invalid UTF-8 in the path", "GET /counters/%C3%28 HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        all.add(raw("an encoded traversal", "GET /orders/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        all.add(raw("a dot-dot path", "GET /orders/../../metrics/x HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        all.add(get("an unknown route", "/admin"));
        all.add(get("a route in capitals", "/ORDERS/" + orderId));
        all.add(get("a path parameter", "/orders;jsessionid=1/" + orderId + "x"));

        // Methods.
        all.add(send("PUT on the order list", "PUT", "/orders", place("EUR", "1")));
        all.add(send("DELETE on an order", "DELETE", order, null));
        all.add(raw("an invented method", "BREW " + order + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        all.add(raw("no Host header", "GET " + order + " HTTP/1.1\r\nConnection: close\r\n\r\n"));

        // Headers.
        all.add(post("an Idempotency-Key with a space", "/counters/c-1/increment", null, "Idempotency-Key", "a b"));
        all.add(post("an Idempotency-Key of 129 characters", "/counters/c-1/increment", null, "Idempotency-Key",
                "k".repeat(129)));
        all.add(post("an empty Idempotency-Key", "/counters/c-1/increment", null, "Idempotency-Key", ""));
        all.add(raw("an Idempotency-Key in UTF-8", "POST /counters/c-1/increment HTTP/1.1\r\nHost: localhost\r\n"
                + "Idempotency-Key: k\u00e9y\u202E\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        all.add(post("an If-Match that is no version", order + "/confirm", null, "If-Match", "\"abc\""));
        all.add(post("a negative If-Match", order + "/confirm", null, "If-Match", "\"-1\""));
        all.add(post("an If-Match beyond a long", order + "/confirm", null, "If-Match", "\"99999999999999999999\""));
        all.add(post("a stale If-Match", order + "/confirm", null, "If-Match", "\"99\""));
        all.add(get("20 KB of headers", "/orders", "X-Padding", "x".repeat(20_000)));
        all.add(raw("a Content-Length that is no number", "POST /orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}"));
        all.add(raw("a broken chunk", "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));

        // Query parameters.
        all.add(get("a limit of 0", "/orders?limit=0"));
        all.add(get("a limit of 201", "/orders?limit=201"));
        all.add(get("a negative limit", "/orders?limit=-1"));
        all.add(get("a limit in exponent notation", "/orders?limit=1e3"));
        all.add(get("an unknown status", "/orders?status=bogus"));
        all.add(get("a misspelt parameter", "/orders?stauts=PLACED"));
        all.add(get("a repeated parameter", "/orders?limit=1&limit=2"));
        all.add(get("a customer id with U+202E", "/orders?customerId=%E2%80%AE"));
        all.add(get("a 10 KB cursor", "/orders?cursor=" + "A".repeat(10_000)));
        all.add(get("a forged cursor", "/orders?cursor=djIKMQowCm8tMQ"));
        all.add(get("version 0", order + "?version=0"));
        all.add(get("a version that is no number", order + "?version=abc"));
        all.add(get("a version beyond a long", order + "?version=99999999999999999999"));
        all.add(get("an instant that is no instant", order + "?asOf=yesterday"));
        all.add(get("a version and an instant", order + "?version=1&asOf=2026-01-31T12:00:00Z"));
        all.add(get("a parameter the audit trail does not take", order + "/events?from=1"));

        // Commands that must leave the probe order as it is.
        all.add(post("shipping before confirming", order + "/ship", "{\"trackingNumber\":\"T-1\"}"));
        all.add(post("a line with more decimals than EUR has", order + "/lines",
                "{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"1.234\"}"));
        all.add(post("a line id with U+202E", order + "/lines",
                "{\"lineId\":\"l\\u202E\",\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"1\"}"));
        all.add(post("a line id the order has", order + "/lines",
                "{\"lineId\":\"line-1\",\"sku\":\"S\",\"quantity\":1,\"unitPrice\":\"1\"}"));
        all.add(send("a quantity of 0", "PATCH", order + "/lines/line-1", "{\"quantity\":0}"));
        all.add(send("a quantity beyond the maximum", "PATCH", order + "/lines/line-1", "{\"quantity\":10001}"));
        all.add(send("a line the order does not have", "PATCH", order + "/lines/nope", "{\"quantity\":2}"));
        all.add(send("removing a line the order does not have", "DELETE", order + "/lines/nope", null));
        all.add(post("cancelling without a reason", order + "/cancel", "{\"reason\":\"\"}"));
        all.add(post("cancelling with an extra field", order + "/cancel", "{\"reason\":\"x\",\"force\":true}"));
        all.add(post("a tracking number of 10 KB", order + "/ship", "{\"trackingNumber\":\"" + "t".repeat(10_000)
                + "\"}"));
        return all;
    }

    // ------------------------------------------------------------------ requests

    /** A request, as the bytes that go on the wire. */
    private record Hostile(String name, byte[] request) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Hostile get(String name, String target, String... headers) {
        return send(name, "GET", target, null, headers);
    }

    private static Hostile post(String name, String target, String json, String... headers) {
        return send(name, "POST", target, json, headers);
    }

    private static Hostile send(String name, String method, String target, String json, String... headers) {
        String[] all = json == null ? headers : withJson(headers);
        return request(name, method, target, json == null ? null : json.getBytes(StandardCharsets.UTF_8), all);
    }

    private static Hostile post(String name, String target, String body, String contentType,
            java.nio.charset.Charset charset) {
        String[] headers = contentType == null ? new String[0] : new String[] {"Content-Type", contentType};
        return request(name, "POST", target, body.getBytes(charset), headers);
    }

    private static Hostile request(String name, String method, String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return new Hostile(name, headBytes);
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return new Hostile(name, all);
    }

    private static Hostile raw(String name, String request) {
        return new Hostile(name, request.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] withJson(String[] headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    private static String place(String currency, String price) {
        return "{\"customerId\":\"c\",\"currency\":\"" + currency + "\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,"
                + "\"unitPrice\":\"" + price + "\"}]}";
    }

    private static String line(String fields) {
        return "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"S\"," + fields + "}]}";
    }

    /**
     * Sends the bytes on a connection of its own and reads the answer until the server closes it. A server that
     * answers before reading a large body may reset the connection while it is still being sent: the answer is
     * read all the same.
     */
    private static Answer deliver(byte[] request) {
        URI base = URI.create(node.node().httpUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedWhileSending) {
                // The answer, if any, is already in the receive buffer.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
            }
        } catch (IOException reset) {
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a response head in: %s", text).isPositive();
        String[] head = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            String header = head[i].toLowerCase(Locale.ROOT);
            if (header.startsWith("content-type:")) {
                contentType = head[i].substring("content-type:".length()).trim();
            } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                chunked = true;
            }
        }
        // ISO-8859-1 keeps one character per byte, so chunk sizes count characters here.
        String body = chunked ? dechunk(text.substring(end + 4)) : text.substring(end + 4);
        return new Answer(status, contentType,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
