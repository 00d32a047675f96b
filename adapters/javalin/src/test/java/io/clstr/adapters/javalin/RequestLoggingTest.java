package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clstr.adapters.javalin.internal.LogContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Request ids on responses and in log lines, and the access log. */
class RequestLoggingTest {

    private static final String REQUEST_ID = "X-Request-Id";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final TestApi api = TestApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void every_response_carries_a_new_request_id_when_the_caller_sent_none() {
        String first = api.get("/health/live").headers().firstValue(REQUEST_ID).orElseThrow();
        String second = api.get("/no/such/route").headers().firstValue(REQUEST_ID).orElseThrow();

        assertThat(first).matches(UUID);
        assertThat(second).matches(UUID).isNotEqualTo(first);
    }

    @Test
    void a_well_formed_request_id_of_the_caller_is_kept_and_a_malformed_one_replaced() {
        String given = "Root=1-5759e988-bd862e3fe1be46a994272793";

        assertThat(api.get("/health/live", REQUEST_ID, given).headers().firstValue(REQUEST_ID)).hasValue(given);
        assertThat(api.get("/health/live", REQUEST_ID, "two words").headers().firstValue(REQUEST_ID))
                .hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(api.get("/health/live", REQUEST_ID, "x".repeat(129)).headers().firstValue(REQUEST_ID))
                .hasValueSatisfying(id -> assertThat(id).matches(UUID));
    }

    @Test
    void the_access_log_is_one_line_per_request_without_the_query_and_only_when_switched_on() {
        HttpResponse<String> logged;
        List<ILoggingEvent> lines;
        try (CapturedLogs logs = CapturedLogs.start(true)) {
            logged = api.get("/health/live?customer=someone@example.com", REQUEST_ID, "req-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> !logs.accessLines().isEmpty());
            lines = logs.accessLines();
        }
        try (CapturedLogs logs = CapturedLogs.start(false)) {
            api.get("/health/live");
            api.get("/health/live");

            assertThat(logs.accessLines()).isEmpty();
        }

        assertThat(logged.statusCode()).isEqualTo(200);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).matches("GET /health/live 200 \\d+ ms");
            assertThat(line.getMDCPropertyMap()).containsEntry(LogContext.REQUEST_ID, "req-1");
            assertThat(line.getKeyValuePairs()).extracting(pair -> pair.key)
                    .containsExactly("method", "path", "status", "duration_ms");
            assertThat(line.toString()).doesNotContain("someone@example.com");
        });
    }

    // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
    @Test
    void the_lines_logged_while_answering_carry_the_request_id_the_command_id_and_the_entity() {
        // The use case fails on a thread of its own: the answer, and its error line, are written there.
        api.counters.nextIncrement(() -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("the store broke");
        }));
        HttpResponse<String> failed;
        List<ILoggingEvent> errors;
        try (CapturedLogs logs = CapturedLogs.start(false)) {
            failed = api.post("/counters/c-1/increment", "{}", REQUEST_ID, "req-2", "Idempotency-Key", "cmd-2");
            errors = logs.events().stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        }

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue(REQUEST_ID)).hasValue("req-2");
        assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMDCPropertyMap()).containsOnly(
                Map.entry(LogContext.REQUEST_ID, "req-2"), Map.entry(LogContext.COMMAND_ID, "cmd-2"),
                Map.entry(LogContext.ENTITY, "counters/c-1")));
    }
    // endregion sample

    @Test
    void a_log_context_runs_a_task_with_its_fields_and_gives_the_thread_back_its_own() {
        MDC.put(LogContext.REQUEST_ID, "on-the-request-thread");
        LogContext context = LogContext.current();
        MDC.put(LogContext.REQUEST_ID, "on-another-thread");
        String[] seen = new String[1];
        try {
            context.run(() -> seen[0] = MDC.get(LogContext.REQUEST_ID));

            assertThat(seen[0]).isEqualTo("on-the-request-thread");
            assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("on-another-thread");
        } finally {
            MDC.clear();
        }
    }
}
