package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static io.clstr.adapters.javalin.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.request.CommandOutcome;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AsyncHandlingTest {

    @Nested
    class Use_cases_that_answer_later {

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
        void the_response_waits_for_the_use_case_to_complete() {
            CompletableFuture<CommandOutcome<CounterView>> outcome = new CompletableFuture<>();
            api.counters.nextIncrement(() -> outcome);

            CompletableFuture<HttpResponse<String>> response =
                    api.sendAsync("POST", "/counters/slow/increment", BodyPublishers.noBody());
            await().atMost(Duration.ofSeconds(10)).until(() -> !api.counters.amounts.isEmpty());
            assertThat(response).isNotDone();

            outcome.complete(new CommandOutcome.Accepted<>(new CounterView("slow", 1, 1), false));

            assertThat(response.join().statusCode()).isEqualTo(200);
            assertThat(json(response.join()).path("value").asLong()).isEqualTo(1);
        }

        @Test
        void requests_wait_for_their_use_cases_without_holding_server_threads() {
            int requests = 40;
            List<CompletableFuture<Optional<OrderView>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                CompletableFuture<Optional<OrderView>> answer = new CompletableFuture<>();
                answers.add(answer);
                api.orders.nextQuery(() -> answer);
            }
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                responses.add(api.sendAsync("GET", "/orders/waiting-" + i, BodyPublishers.noBody()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> api.orders.calls.stream()
                    .filter(call -> call.toString().contains("waiting-")).count() == requests);

            assertThat(responses).noneMatch(CompletableFuture::isDone);
            assertThat(serverThreadsInsideTheAdapter()).isEmpty();
            assertThat(api.get("/health/live").statusCode()).isEqualTo(200);

            answers.forEach(answer -> answer.complete(Optional.empty()));

            responses.forEach(response -> assertProblem(response.join(), 404, "NOT_FOUND"));
        }

        /** A handler that blocked on its use case would show up here, parked inside adapter code. */
        private static List<String> serverThreadsInsideTheAdapter() {
            List<String> blocked = new ArrayList<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                boolean serverThread = thread.getName().startsWith("JettyServerThreadPool");
                boolean inAdapter = Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().startsWith("io.clstr.adapters.javalin"));
                if (serverThread && inAdapter) {
                    blocked.add(thread.getName());
                }
            });
            return blocked;
        }
    }

    @Nested
    class Request_timeout {

        private static TestApi api;

        @BeforeAll
        static void start() {
            api = TestApi.start(HttpSettings.onPort(0).withRequestTimeout(Duration.ofMillis(300)));
        }

        @AfterAll
        static void stop() {
            api.close();
        }

        @Test
        void a_command_that_does_not_answer_in_time_is_503_with_retry_after() {
            CompletableFuture<CommandOutcome<CounterView>> never = new CompletableFuture<>();
            api.counters.nextIncrement(() -> never);

            HttpResponse<String> response = api.send("POST", "/counters/stuck/increment", BodyPublishers.noBody());

            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(never).as("the use case's own future is left alone").isNotDone();
        }

        @Test
        void a_query_that_does_not_answer_in_time_is_503() {
            api.orders.nextQuery(CompletableFuture::new);

            assertProblem(api.get("/orders/order-1"), 503, "SERVICE_UNAVAILABLE");
        }

        @Test
        void an_answer_after_the_timeout_is_dropped() {
            CompletableFuture<CommandOutcome<CounterView>> late = new CompletableFuture<>();
            api.counters.nextIncrement(() -> late);
            assertProblem(api.send("POST", "/counters/late/increment", BodyPublishers.noBody()), 503,
                    "SERVICE_UNAVAILABLE");

            late.complete(new CommandOutcome.Accepted<>(new CounterView("late", 1, 1), false));

            assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
        }
    }
}
