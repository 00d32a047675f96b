package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.ports.in.request.CommandConflictException;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.keyvalue.KeyValueException;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponsesTest {

    private static final int MAX_BODY_BYTES = 1024;
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(HttpSettings.onPort(0).withMaxBodyBytes(MAX_BODY_BYTES));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String existingOrder() {
        return "/orders/" + api.placeSampleOrder().path("orderId").asText();
    }

    /** A request never costs more to answer than it cost to send: problems stay small whatever the body. */
    @Nested
    class Cost_bounds {

        private static final int SMALL_PROBLEM_BYTES = 4096;

        @Test
        void fifteen_thousand_empty_lines_are_refused_whole_in_a_small_problem() {
            String body = "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":["
                    + String.join(",", java.util.Collections.nCopies(15_000, "{}")) + "]}";
            assertThat(body.length()).isGreaterThan(45_000);

            try (TestApi roomy = TestApi.start()) {
                HttpResponse<String> response = roomy.post("/orders", body);

                JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
                assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("lines");
                assertThat(problem.path("detail").asText()).isEqualTo("lines must have at most 100 lines.");
                assertThat(response.body().length()).isLessThan(SMALL_PROBLEM_BYTES);
                assertThat(roomy.orders.calls).isEmpty();
            }
        }

        @Test
        void lists_the_first_twenty_field_errors_and_counts_the_rest() {
            String body = "{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":["
                    + String.join(",", java.util.Collections.nCopies(100, "{}")) + "]}";

            try (TestApi roomy = TestApi.start()) {
                HttpResponse<String> response = roomy.post("/orders", body);

                JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
                assertThat(problem.path("errors")).hasSize(20);
                assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("lines[0].sku");
                assertThat(problem.path("omittedErrors").asInt()).isEqualTo(280);
                assertThat(problem.path("detail").asText()).isEqualTo("300 fields are invalid; errors lists the first 20.");
                assertThat(response.body().length()).isLessThan(SMALL_PROBLEM_BYTES);
            }
        }
    }

    @Nested
    class Bad_requests {

        @ParameterizedTest
        @ValueSource(strings = {"{\"customerId\":", "{\"customerId\":\"c-1\"} trailing", "{'customerId':'c-1'}",
            "{\"customerId\":\"c-1\",\"customerId\":\"c-2\"}", "[]", "\"order\"", "null", "   ",
            "{\"lines\":[{\"sku\":tru}]}"})
        void a_body_that_is_not_a_json_object_is_malformed(String body) {
            assertProblem(api.post("/orders", body), 400, "MALFORMED_JSON");
        }

        @Test
        void a_command_that_needs_a_body_refuses_an_empty_one() {
            assertProblem(api.post("/orders", ""), 400, "MALFORMED_JSON");
        }

        @ParameterizedTest
        @MethodSource("io.clstr.adapters.javalin.ErrorResponsesTest#wrongJsonTypes")
        void a_field_of_the_wrong_json_type_is_named_with_its_path(String body, String field, String message) {
            JsonNode problem = assertProblem(api.post("/orders", body), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors")).hasSize(1);
            assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
            assertThat(problem.path("errors").path(0).path("message").asText()).isEqualTo(message);
        }

        @ParameterizedTest
        @MethodSource("io.clstr.adapters.javalin.ErrorResponsesTest#invalidValues")
        void an_invalid_value_is_named_with_its_path(String body, String field, String message) {
            JsonNode problem = assertProblem(api.post("/orders", body), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors")).hasSize(1);
            assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
            assertThat(problem.path("errors").path(0).path("message").asText()).isEqualTo(message);
            assertThat(problem.path("detail").asText()).isEqualTo(field + " " + message + ".");
        }

        @Test
        void every_invalid_field_is_reported_at_once() {
            JsonNode problem = assertProblem(api.post("/orders", "{\"customerId\":\"\",\"currency\":\"eur\",\"lines\":["
                    + "{\"sku\":\"S\",\"quantity\":0,\"unitPrice\":\"-1\"}]}"), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").findValuesAsText("field"))
                    .containsExactly("customerId", "currency", "lines[0].quantity", "lines[0].unitPrice");
            assertThat(problem.path("detail").asText()).isEqualTo("4 fields are invalid; see errors.");
        }

        @Test
        void a_cursor_the_use_case_refuses_is_400_naming_it() {
            api.orders.listFailure.set(new InvalidInputException("cursor",
                    "must be the nextCursor of the previous page (or absent for the first page)"));

            JsonNode problem = assertProblem(api.get("/orders?cursor=abc"), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("cursor");
            assertThat(problem.path("detail").asText())
                    .isEqualTo("cursor must be the nextCursor of the previous page (or absent for the first page).");
        }

        @Test
        void a_longer_id_than_allowed_is_refused() {
            String body = "{\"customerId\":\"" + "c".repeat(129) + "\",\"currency\":\"EUR\",\"lines\":[]}";

            JsonNode problem = assertProblem(api.post("/orders", body), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").path(0).path("message").asText())
                    .isEqualTo("must have at most 128 characters");
        }

        @Test
        void the_other_command_bodies_are_validated_too() {
            String order = existingOrder();

            assertProblem(api.post(order + "/lines", "{\"sku\":\"S\",\"quantity\":0,\"unitPrice\":\"1\"}"), 400,
                    "VALIDATION_FAILED");
            assertProblem(api.patch(order + "/lines/line-1", "{\"quantity\":-2}"), 400, "VALIDATION_FAILED");
            assertProblem(api.patch(order + "/lines/line-1", "{\"quantity\":10001}"), 400, "VALIDATION_FAILED");
            assertProblem(api.patch(order + "/lines/line-1", "{}"), 400, "VALIDATION_FAILED");
            assertProblem(api.post(order + "/cancel", "{\"reason\":\"\"}"), 400, "VALIDATION_FAILED");
            assertProblem(api.post(order + "/ship", "{}"), 400, "VALIDATION_FAILED");
            assertProblem(api.post("/counters/c/increment", "{\"amount\":0}"), 400, "VALIDATION_FAILED");
            assertProblem(api.post("/counters/c/increment", "{\"amount\":\"1\"}"), 400, "VALIDATION_FAILED");
        }

        @Test
        void a_blank_path_id_is_refused() {
            JsonNode problem = assertProblem(api.get("/counters/%20"), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("id");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/orders?status=LOST|status",
            "/orders?limit=0|limit",
            "/orders?limit=201|limit",
            "/orders?limit=ten|limit",
            "/orders?stauts=PLACED|stauts",
            "/orders?status=PLACED&status=SHIPPED|status",
            "/orders/order-1?version=0|version",
            "/orders/order-1?version=x|version",
            "/orders/order-1?asOf=yesterday|asOf",
            "/orders/order-1?version=1&asOf=2026-01-31T12:00:00Z|asOf",
            "/orders/order-1?at=1|at",
            "/orders/order-1/events?from=1|from",
            "/orders?customerId=%E2%80%AE|customerId",
            "/orders/a%E2%80%8Bb|id",
        })
        void an_invalid_query_or_path_parameter_is_named(String path, String field) {
            JsonNode problem = assertProblem(api.get(path), 400, "VALIDATION_FAILED");

            assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
        }

        @Test
        void a_path_that_takes_no_query_parameters_says_so() {
            JsonNode problem = assertProblem(api.get("/orders/order-1/events?from=1"), 400, "VALIDATION_FAILED");

            assertThat(problem.path("detail").asText())
                    .isEqualTo("from is not a query parameter of this path, which takes none.");
        }
    }

    @Nested
    class Not_found {

        @Test
        void an_unknown_order_is_404() {
            assertProblem(api.get("/orders/nope"), 404, "NOT_FOUND");
        }

        @Test
        void a_version_beyond_the_latest_is_404_saying_so() {
            JsonNode problem = assertProblem(api.get(existingOrder() + "?version=99"), 404, "NOT_FOUND");

            assertThat(problem.path("detail").asText()).isEqualTo("There is no version 99: the latest version is 1.");
        }

        @Test
        void a_command_for_an_unknown_order_is_404() {
            assertProblem(api.send("POST", "/orders/nope/confirm", BodyPublishers.noBody()), 404, "NOT_FOUND");
        }

        @Test
        void a_rejection_is_answered_by_its_kind_never_by_its_code() {
            // The service turns a rejection of kind NOT_FOUND into NotFound; a code alone means nothing here.
            api.orders.nextCommand(() -> CompletableFuture.completedFuture(
                    new CommandOutcome.Rejected<>("ORDER_NOT_FOUND", "No order order-x.")));

            JsonNode problem = assertProblem(api.send("POST", "/orders/order-x/confirm", BodyPublishers.noBody()), 409,
                    "ORDER_NOT_FOUND");

            assertThat(problem.path("detail").asText()).isEqualTo("No order order-x.");
        }

        @Test
        void an_unknown_counter_is_404() {
            assertProblem(api.get("/counters/never-incremented"), 404, "NOT_FOUND");
        }

        @Test
        void an_unknown_route_is_404() {
            assertProblem(api.get("/invoices"), 404, "NOT_FOUND");
            assertProblem(api.get("/orders/o-1/lines/l-1/extra"), 404, "NOT_FOUND");
        }
    }

    @Test
    void a_wrong_method_on_a_known_path_is_405_with_the_allowed_methods() {
        HttpResponse<String> response = api.send("PUT", "/orders", BodyPublishers.ofString("{}"),
                "Content-Type", "application/json");

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "POST"));
    }

    @Test
    void a_business_rejection_is_409_with_the_domain_code_and_message() {
        String emptyOrder = "/orders/" + TestApi.json(api.post("/orders",
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[]}")).path("orderId").asText();

        JsonNode problem = assertProblem(api.send("POST", emptyOrder + "/confirm", BodyPublishers.noBody()), 409,
                "EMPTY_ORDER");

        assertThat(problem.path("detail").asText()).isEqualTo("An order without lines cannot be confirmed.");
        assertThat(problem.path("type").asText()).isEqualTo("/problems/empty-order");
        assertThat(problem.path("instance").asText()).isEqualTo(emptyOrder + "/confirm");
    }

    @Test
    void problem_types_follow_the_configured_base_and_name_the_request_path() {
        try (TestApi owned = TestApi.start(HttpSettings.onPort(0)
                .withProblemTypeBase("https://api.example.com/errors/"))) {
            JsonNode missing = TestApi.json(owned.get("/no-such-path"));
            JsonNode invalid = TestApi.json(owned.post("/orders", "{\"customerId\":\"c-1\"}"));

            assertThat(missing.path("type").asText()).isEqualTo("https://api.example.com/errors/not-found");
            assertThat(missing.path("instance").asText()).isEqualTo("/no-such-path");
            assertThat(invalid.path("type").asText()).isEqualTo("https://api.example.com/errors/validation-failed");
            assertThat(invalid.path("instance").asText()).isEqualTo("/orders");
        }
    }

    @Test
    void a_concurrency_conflict_is_409_without_its_message() {
        String order = existingOrder();
        api.orders.nextCommand(() -> CompletableFuture.failedFuture(
                new CommandConflictException("stream orders.order-1 expected 3 found 4")));

        HttpResponse<String> response = api.send("POST", order + "/confirm", BodyPublishers.noBody());

        assertProblem(response, 409, "CONCURRENCY_CONFLICT");
        assertThat(response.body()).doesNotContain("stream", "expected 3");
    }

    @Test
    void a_stale_if_match_is_412() {
        JsonNode problem = assertProblem(api.send("POST", existingOrder() + "/confirm", BodyPublishers.noBody(),
                "If-Match", "\"7\""), 412, "VERSION_MISMATCH");

        assertThat(problem.path("detail").asText())
                .isEqualTo("The request expected version 7 but the current version is 1.");
    }

    @Nested
    class Payload_too_large {

        @Test
        void a_body_over_the_limit_is_413() {
            String body = "{\"reason\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}";

            assertProblem(api.post("/orders/order-1/cancel", body), 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        void a_chunked_body_over_the_limit_is_413_although_it_declares_no_length() {
            byte[] body = ("{\"reason\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> response = api.send("POST", "/orders/order-1/cancel",
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                    "Content-Type", "application/json");

            assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        void a_declared_length_over_the_limit_is_413_before_the_body_is_read() {
            String response = api.raw("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000000\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).contains("Content-Type: application/problem+json",
                    "\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
    }

    @Nested
    class Unsupported_media_type {

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=iso-8859-1", "application/jsonp"})
        void a_body_of_another_media_type_is_415(String contentType) {
            assertProblem(api.post("/orders", TestApi.PLACE_ORDER, "Content-Type", contentType), 415,
                    "UNSUPPORTED_MEDIA_TYPE");
        }

        @Test
        void a_body_without_a_content_type_is_415() {
            assertProblem(api.send("POST", "/orders", BodyPublishers.ofString(TestApi.PLACE_ORDER)), 415,
                    "UNSUPPORTED_MEDIA_TYPE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
        void json_with_a_utf8_charset_is_accepted(String contentType) {
            HttpResponse<String> response = api.post("/orders", TestApi.PLACE_ORDER, "Content-Type", contentType);

            assertThat(response.statusCode()).isEqualTo(201);
        }
    }

    @Nested
    class Service_unavailable {

        @Test
        void an_unavailable_service_is_503_with_retry_after_and_without_its_message() {
            String order = existingOrder();
            api.orders.nextCommand(() -> CompletableFuture.failedFuture(
                    new ServiceUnavailableException("no responders on clstr.orders.shard.17")));

            HttpResponse<String> response = api.send("POST", order + "/confirm", BodyPublishers.noBody());

            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body()).doesNotContain("responders", "shard");
        }

        @Test
        void a_use_case_that_throws_instead_of_failing_its_stage_is_treated_alike() {
            String order = existingOrder();
            api.orders.nextCommand(() -> {
                throw new ServiceUnavailableException("not ready");
            });

            assertProblem(api.send("POST", order + "/confirm", BodyPublishers.noBody()), 503,
                    "SERVICE_UNAVAILABLE");
        }

        @Test
        void an_unavailable_read_model_is_503() {
            api.orders.listFailure.set(new ServiceUnavailableException("kv bucket orders-view unreachable"));

            HttpResponse<String> response = api.get("/orders");

            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.body()).doesNotContain("bucket");
        }

        @Test
        void a_failing_read_model_store_is_503() {
            api.orders.listFailure.set(new KeyValueException("read on KV_clstr-read-models got nothing for 5000 ms"));

            HttpResponse<String> response = api.get("/orders");

            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body()).doesNotContain("KV_", "5000");
        }

        @Test
        void a_node_that_is_not_ready_answers_503_with_its_problem() {
            api.operations.health = io.clstr.ports.in.operations.HealthQuery.Health.notReady("event store unreachable");
            try {
                HttpResponse<String> response = api.get("/health/ready");

                JsonNode problem = assertProblem(response, 503, "NOT_READY");
                assertThat(problem.path("detail").asText()).isEqualTo("event store unreachable");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            } finally {
                api.operations.health = io.clstr.ports.in.operations.HealthQuery.Health.healthy();
            }
        }
    }

    @Nested
    class Internal_errors {

        @Test
        void an_unexpected_failure_is_500_with_only_an_error_id() {
            String order = existingOrder();
            api.orders.nextCommand(() -> CompletableFuture.failedFuture(
                    new IllegalStateException("secret: table ORDERS at db-7 is corrupt")));

            HttpResponse<String> response = api.send("POST", order + "/confirm", BodyPublishers.noBody());

            JsonNode problem = assertProblem(response, 500, "INTERNAL_ERROR");
            String errorId = problem.path("errorId").asText();
            assertThat(errorId).matches("[0-9a-f]{16}");
            assertThat(problem.path("detail").asText()).contains(errorId);
            assertThat(response.body()).doesNotContain("secret", "ORDERS", "db-7", "IllegalState");
        }

        @Test
        void a_failing_query_is_500_too() {
            api.orders.nextQuery(() -> {
                throw new IllegalArgumentException("bad cursor for partition 3");
            });

            HttpResponse<String> response = api.get("/orders/order-1");

            assertProblem(response, 500, "INTERNAL_ERROR");
            assertThat(response.body()).doesNotContain("cursor", "partition");
        }
    }

    @Nested
    class Refused_before_the_routes {

        @Test
        void headers_too_large_are_a_problem_too() {
            HttpResponse<String> response = api.get("/orders", "X-Padding", "x".repeat(20_000));

            assertProblem(response, 431, "HEADERS_TOO_LARGE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/orders/%zz", "/orders/a%00b", "/counters/%C3%28"})
        void a_path_that_does_not_decode_is_a_problem_too(String path) {
            String response = api.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(response).contains("Content-Type: application/problem+json", "\"code\":\"BAD_REQUEST\"");
            assertThat(response).doesNotContain("Jetty", "jetty", "Exception");
        }
    }

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                Arguments.of(json("{'customerId':1,'currency':'EUR','lines':[]}"), "customerId", "must be a string"),
                Arguments.of(order("'lines':{}"), "lines", "must be an array"),
                Arguments.of(order("'lines':['SKU-1']"), "lines[0]", "must be an object"),
                Arguments.of(order("'lines':[],'coupon':'X'"), "coupon", "is not a known field"),
                Arguments.of(line("'quantity':'2','unitPrice':'1'"), "lines[0].quantity", "must be an integer"),
                Arguments.of(line("'quantity':2.5,'unitPrice':'1'"), "lines[0].quantity", "must be an integer"),
                Arguments.of(line("'quantity':1e20,'unitPrice':'1'"), "lines[0].quantity", "must be an integer"),
                Arguments.of(line("'quantity':99999999999,'unitPrice':'1'"), "lines[0].quantity", "is out of range"),
                Arguments.of(line("'quantity':2,'unitPrice':9.99"), "lines[0].unitPrice", "must be a string"),
                Arguments.of(line("'quantity':2,'unitPrice':'1','colour':'red'"), "lines[0].colour",
                        "is not a known field"));
    }

    static Stream<Arguments> invalidValues() {
        String price = "lines[0].unitPrice";
        String notADecimal = "must be a decimal string such as \"9.99\"";
        return Stream.of(
                Arguments.of(json("{'currency':'EUR','lines':[]}"), "customerId", "is required"),
                Arguments.of(json("{'customerId':'  ','currency':'EUR','lines':[]}"), "customerId",
                        "must not be blank"),
                Arguments.of(json("{'customerId':'c\\u0000','currency':'EUR','lines':[]}"), "customerId",
                        invisible("0000")),
                Arguments.of(json("{'customerId':'c\\u202Ed','currency':'EUR','lines':[]}"), "customerId",
                        invisible("202E")),
                Arguments.of(json("{'customerId':'\\u200Bc','currency':'EUR','lines':[]}"), "customerId",
                        invisible("200B")),
                Arguments.of(json("{'customerId':'c\\u2028','currency':'EUR','lines':[]}"), "customerId",
                        invisible("2028")),
                Arguments.of(json("{'customerId':'\\uFEFFc','currency':'EUR','lines':[]}"), "customerId",
                        invisible("FEFF")),
                Arguments.of(line("'lineId':'a\\u2029','quantity':1,'unitPrice':'1'"), "lines[0].lineId",
                        invisible("2029")),
                Arguments.of(order("'lines':[{'sku':'S\\u00A0','quantity':1,'unitPrice':'1'}]"), "lines[0].sku",
                        invisible("00A0")),
                Arguments.of(json("{'customerId':'c','lines':[]}"), "currency", "is required"),
                Arguments.of(json("{'customerId':'c','currency':'euro','lines':[]}"), "currency", unusableCurrency()),
                Arguments.of(json("{'customerId':'c','currency':'ABC','lines':[]}"), "currency", unusableCurrency()),
                Arguments.of(json("{'customerId':'c','currency':'XXX','lines':[]}"), "currency", unusableCurrency()),
                Arguments.of(json("{'customerId':'c','currency':'XAU','lines':[]}"), "currency", unusableCurrency()),
                Arguments.of(json("{'customerId':'c','currency':'JPY','lines':[{'sku':'S','quantity':1,"
                        + "'unitPrice':'9.99'}]}"), price, "must have at most 0 decimal places in JPY"),
                Arguments.of(json("{'customerId':'c','currency':'BHD','lines':[{'sku':'S','quantity':1,"
                        + "'unitPrice':'1.2345'}]}"), price, "must have at most 3 decimal places in BHD"),
                Arguments.of(json("{'customerId':'c','currency':'EUR'}"), "lines", "is required"),
                Arguments.of(order("'lines':[null]"), "lines[0]", "is required"),
                Arguments.of(line("'lineId':' ','quantity':1,'unitPrice':'1'"), "lines[0].lineId", "must not be blank"),
                Arguments.of(order("'lines':[{'quantity':1,'unitPrice':'1'}]"), "lines[0].sku", "is required"),
                Arguments.of(line("'unitPrice':'1'"), "lines[0].quantity", "is required"),
                Arguments.of(line("'quantity':0,'unitPrice':'1'"), "lines[0].quantity", "must be positive"),
                Arguments.of(line("'quantity':-1,'unitPrice':'1'"), "lines[0].quantity", "must be positive"),
                Arguments.of(line("'quantity':10001,'unitPrice':'1'"), "lines[0].quantity", "must be at most 10000"),
                Arguments.of(line("'quantity':1"), price, "is required"),
                Arguments.of(line("'quantity':1,'unitPrice':'9.999'"), price, "must have at most 2 decimal places in EUR"),
                Arguments.of(line("'quantity':1,'unitPrice':'-1.00'"), price, "must not be negative"),
                Arguments.of(line("'quantity':1,'unitPrice':'-0'"), price, "must not be negative"),
                Arguments.of(line("'quantity':1,'unitPrice':'1e3'"), price, notADecimal),
                Arguments.of(line("'quantity':1,'unitPrice':''"), price, notADecimal),
                Arguments.of(line("'quantity':1,'unitPrice':'1234567890123456'"), price,
                        "must have at most 15 digits before the decimal point"));
    }

    private static String invisible(String codePoint) {
        return "must not contain invisible, control or format characters (found U+" + codePoint + ")";
    }

    private static String unusableCurrency() {
        return "must be an ISO 4217 currency code with a fixed number of decimals, such as EUR";
    }

    /** JSON written with single quotes, which read better inside Java strings. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static String order(String fields) {
        return json("{'customerId':'c','currency':'EUR'," + fields + "}");
    }

    /** An order with one line of SKU {@code S} and these other fields. */
    private static String line(String fields) {
        return order("'lines':[{'sku':'S'," + fields + "}]");
    }
}
