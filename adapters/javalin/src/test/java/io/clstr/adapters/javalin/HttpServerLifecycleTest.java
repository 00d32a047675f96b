package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.counter.CounterView;
import io.clstr.ports.in.request.CommandOutcome;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HttpServerLifecycleTest {

    @Test
    void port_zero_binds_a_free_port_and_reports_it() {
        try (TestApi api = TestApi.start()) {
            assertThat(api.server.port()).isPositive();
            assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_server_starts_only_once() {
        try (TestApi api = TestApi.start()) {
            assertThatThrownBy(api.server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void stopping_lets_requests_in_flight_finish_then_closes_the_port() {
        TestApi api = TestApi.start(HttpSettings.onPort(0).withRequestTimeout(Duration.ofSeconds(20)));
        int port = api.server.port();
        CompletableFuture<CommandOutcome<CounterView>> outcome = new CompletableFuture<>();
        api.counters.nextIncrement(() -> outcome);
        CompletableFuture<HttpResponse<String>> inFlight =
                api.sendAsync("POST", "/counters/draining/increment", BodyPublishers.noBody());
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.counters.amounts.isEmpty());

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(api.server::close);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> !stopped.isDone());
        outcome.complete(new CommandOutcome.Accepted<>(new CounterView("draining", 1, 1), false));

        assertThat(inFlight.join().statusCode()).isEqualTo(200);
        stopped.join();
        assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void requests_that_outlast_the_drain_timeout_are_answered_503_so_clients_retry_elsewhere() {
        TestApi api = TestApi.start(HttpSettings.onPort(0).withRequestTimeout(Duration.ofSeconds(60)));
        api.counters.nextIncrement(CompletableFuture::new);
        CompletableFuture<HttpResponse<String>> inFlight =
                api.sendAsync("POST", "/counters/forever/increment", BodyPublishers.noBody());
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.counters.amounts.isEmpty());

        api.server.stop(Duration.ofMillis(200));

        assertProblem(inFlight.join(), 503, "SERVICE_UNAVAILABLE");
    }

    @Test
    void stopping_twice_or_before_starting_does_nothing() {
        TestApi api = TestApi.start();
        api.server.stop(Duration.ofSeconds(1));
        api.server.stop(Duration.ofSeconds(1));

        HttpServer neverStarted = new HttpServer(HttpSettings.onPort(0), new UseCases(List.of(api.operations)),
                List.of());
        neverStarted.close();
        assertThatThrownBy(neverStarted::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settings_refuse_impossible_values() {
        assertThatThrownBy(() -> HttpSettings.onPort(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.onPort(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.onPort(0).withMaxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.onPort(0).withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.onPort(0).withAddress(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpSettings.Listener(null, 70_000)).isInstanceOf(IllegalArgumentException.class);
        for (String base : new String[] {"problems/", "/problems", "https://example.com/problems", "urn:problems/",
                "/problems/?x=1", "https://example.com/p/#"}) {
            assertThatThrownBy(() -> HttpSettings.onPort(0).withProblemTypeBase(base)).as(base)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(HttpSettings.onPort(8080)).isEqualTo(
                new HttpSettings(null, 8080, 64 * 1024, Duration.ofSeconds(5), java.util.Optional.empty(),
                        "/problems/"));
    }
}
