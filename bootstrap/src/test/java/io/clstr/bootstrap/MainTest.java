package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.bootstrap.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line, in process. Running and stopping a node from it is {@code ClstrJarIT}'s part. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new Main(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_lists_every_setting_with_its_variable_flag_and_default_and_exits_0() {
        assertThat(run(Map.of(), "--help")).isEqualTo(Main.EXIT_OK);

        for (Setting setting : Setting.values()) {
            assertThat(out()).contains(setting.flag(), setting.variable(), "default: " + setting.defaultValue(),
                    setting.description());
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void help_wins_over_bad_settings_and_works_after_the_serve_command() {
        assertThat(run(Map.of("CLSTR_SHARDS", "x"), "serve", "-h")).isEqualTo(Main.EXIT_OK);

        assertThat(out()).contains("--shards");
    }

    @Test
    void version_prints_one_line_and_exits_0_whatever_the_settings() {
        assertThat(run(Map.of("CLSTR_SHARDS", "x"), "--version")).isEqualTo(Main.EXIT_OK);

        // Run from target/classes there is no manifest; ClstrJarIT checks the jar's version.
        assertThat(out()).isEqualTo("clstr " + Main.UNKNOWN_VERSION + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    @Test
    void bad_settings_exit_2_naming_each_problem() {
        assertThat(run(Map.of("CLSTR_SHARDS", "x"), "--http-port=99999")).isEqualTo(Main.EXIT_USAGE);

        assertThat(err()).contains("clstr: CLSTR_SHARDS: must be an integer between 1 and 65536, got 'x'")
                .contains("clstr: --http-port: must be an integer between 0 and 65535, got '99999'");
        assertThat(out()).isEmpty();
    }

    @Test
    void an_unknown_command_exits_2() {
        assertThat(run(Map.of(), "start")).isEqualTo(Main.EXIT_USAGE);

        assertThat(err()).contains("unknown command 'start' (commands: serve");
    }

    // region sample: the load test drives the counter sample; tools/MakeItYours.java --without-samples deletes it.
    @Test
    void the_counter_sample_brings_the_loadtest_command() {
        assertThat(run(Map.of(), "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out()).contains("       java -jar clstr.jar loadtest ...        drive a cluster with load");
        out.reset();

        assertThat(run(Map.of(), "loadtest", "--help")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar clstr.jar loadtest");

        assertThat(run(Map.of(), "loadtest", "--nodez", "3")).isEqualTo(Main.EXIT_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown option --nodez");
    }
    // endregion sample

    @Test
    void a_node_that_cannot_start_exits_1_saying_why() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(run(Map.of("CLSTR_HTTP_PORT", String.valueOf(taken.getLocalPort())))).isEqualTo(
                    Main.EXIT_STARTUP_FAILED);

            assertThat(err()).startsWith("clstr: could not start: ").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void an_unreachable_nats_server_exits_1_naming_it() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String url = "nats://127.0.0.1:" + closedPort;

        assertThat(run(Map.of("CLSTR_BACKEND", "nats", "CLSTR_NATS_URL", url, "CLSTR_NATS_STARTUP_TIMEOUT", "1s")))
                .isEqualTo(Main.EXIT_STARTUP_FAILED);

        assertThat(err()).contains("cannot connect to NATS").contains(url);
    }

    @Test
    void the_startup_line_names_the_node_the_backend_and_the_url() {
        Node node = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .start(TestNode.config(Map.of("CLSTR_NODE_ID", "n-1")));
        try {
            assertThat(out()).matches("clstr node n-1 started in \\d+ ms: backend=memory, cluster=clstr,"
                    + " http=http://localhost:" + node.httpPort() + "\\R");
        } finally {
            node.stop();
        }
    }
}
