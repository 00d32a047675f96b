package io.clstr.adapters.javalin;

import static io.clstr.adapters.javalin.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a management listener, operations answer there and the API on its own port; health answers on both. */
class ManagementListenerTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(HttpSettings.onPort(0).withAddress("127.0.0.1")
                .withManagement(new HttpSettings.Listener("127.0.0.1", 0)),
                new PlainRoute("/metrics", "text/plain", () -> "up 1\n"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void operations_answer_on_the_management_port() {
        assertThat(api.server.managementPort()).isNotEqualTo(api.server.port());
        assertThat(api.getOnManagement("/cluster").statusCode()).isEqualTo(200);
        assertThat(api.getOnManagement("/metrics").body()).isEqualTo("up 1\n");
        assertThat(api.getOnManagement("/health/ready").statusCode()).isEqualTo(200);
        assertThat(api.getOnManagement("/health/live").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cluster", "/metrics", "/cluster/", "//cluster", "/metrics//"})
    void operations_are_not_found_on_the_api_port(String path) {
        assertProblem(api.get(path), 404, "NOT_FOUND");
    }

    @Test
    void health_answers_on_the_api_port_too_for_load_balancers() {
        assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    // region sample: tools/MakeItYours.java --without-samples deletes what uses the samples.
    @Test
    void the_api_answers_on_its_port_only() {
        assertThat(api.get("/counters/c-1").statusCode()).isEqualTo(404);
        api.post("/counters/c-1/increment", "{}");
        assertThat(api.get("/counters/c-1").statusCode()).isEqualTo(200);
        assertProblem(api.getOnManagement("/counters/c-1"), 404, "NOT_FOUND");
        assertProblem(api.getOnManagement("/orders"), 404, "NOT_FOUND");
    }
    // endregion sample

    /** All of 127.0.0.0/8 reaches this machine: a listener on 127.0.0.1 alone refuses 127.0.0.2. */
    @Test
    void both_listen_on_the_address_given_only() throws IOException {
        InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");

        assertThatThrownBy(() -> connect(otherLoopback, api.server.port())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(otherLoopback, api.server.managementPort())).isInstanceOf(IOException.class);
        connect(InetAddress.getByName("127.0.0.1"), api.server.port());
    }

    @Test
    void without_a_management_listener_everything_answers_on_the_api_port_of_every_interface() throws IOException {
        try (TestApi plain = TestApi.start(HttpSettings.onPort(0), new PlainRoute("/metrics", "text/plain", () -> ""))) {
            assertThat(plain.server.managementPort()).isEqualTo(plain.server.port());
            assertThat(plain.get("/cluster").statusCode()).isEqualTo(200);
            assertThat(plain.get("/metrics").statusCode()).isEqualTo(200);
            connect(InetAddress.getByName("127.0.0.2"), plain.server.port());
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
        }
    }
}
