package io.clstr.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

    @TempDir
    static Path files;

    private static ClstrConfig parse(Map<String, String> environment, String... flags) {
        return new ConfigParser(environment, () -> "node-test").parse(Arrays.asList(flags));
    }

    private static List<String> problems(Map<String, String> environment, String... flags) {
        try {
            parse(environment, flags);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    private static String readableFile(String name) {
        try {
            Path file = files.resolve(name);
            if (!Files.exists(file)) {
                Files.writeString(file, "SUAEXAMPLE");
            }
            return file.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class Defaults {

        @Test
        void nothing_set_gives_every_default() {
            ClstrConfig config = parse(Map.of());

            assertThat(config.backend()).isEqualTo(BackendKind.MEMORY);
            assertThat(config.nats().servers()).containsExactly("nats://127.0.0.1:4222");
            assertThat(config.nats().user()).isEmpty();
            assertThat(config.nats().password()).isEmpty();
            assertThat(config.nats().token()).isEmpty();
            assertThat(config.nats().credentialsFile()).isEmpty();
            assertThat(config.nats().nkeySeedFile()).isEmpty();
            assertThat(config.nats().tls()).isFalse();
            assertThat(config.nats().tlsCaFile()).isEmpty();
            assertThat(config.nats().tlsCertFile()).isEmpty();
            assertThat(config.nats().tlsKeyFile()).isEmpty();
            assertThat(config.nats().replicas()).isEqualTo(1);
            assertThat(config.httpAddress()).isEmpty();
            assertThat(config.management()).isEmpty();
            assertThat(config.nodeId()).isEqualTo("node-test");
            assertThat(config.cluster()).isEqualTo("clstr");
            assertThat(config.shards()).isEqualTo(256);
            assertThat(config.httpPort()).isEqualTo(8080);
            assertThat(config.httpMaxBodyBytes()).isEqualTo(65_536);
            assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.maxActiveEntities()).isEqualTo(100_000);
            assertThat(config.snapshotEvery()).isEqualTo(100);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void the_default_node_id_is_node_and_random_hex_digits() {
            String first = new ConfigParser(Map.of()).parse(List.of()).nodeId();
            String second = new ConfigParser(Map.of()).parse(List.of()).nodeId();

            assertThat(first).matches("node-[0-9a-f]{8}");
            assertThat(second).matches("node-[0-9a-f]{8}").isNotEqualTo(first);
        }

        @Test
        void help_shows_every_default_the_parser_applies() {
            ClstrConfig config = parse(Map.of());

            assertThat(Setting.SHARDS.defaultValue()).isEqualTo(String.valueOf(config.shards()));
            assertThat(Setting.HTTP_PORT.defaultValue()).isEqualTo(String.valueOf(config.httpPort()));
            assertThat(Setting.HTTP_MAX_BODY.defaultValue()).isEqualTo(String.valueOf(config.httpMaxBodyBytes()));
            assertThat(Setting.MAX_ACTIVE_ENTITIES.defaultValue()).isEqualTo(String.valueOf(config.maxActiveEntities()));
            assertThat(Setting.SNAPSHOT_EVERY.defaultValue()).isEqualTo(String.valueOf(config.snapshotEvery()));
            assertThat(Setting.NATS_REPLICAS.defaultValue()).isEqualTo(String.valueOf(config.nats().replicas()));
            assertThat(Setting.BACKEND.defaultValue()).isEqualTo(config.backend().settingValue());
            assertThat(Setting.NATS_URL.defaultValue()).isEqualTo(config.nats().servers().get(0));
            assertThat(Setting.CLUSTER.defaultValue()).isEqualTo(config.cluster());
            assertThat(Setting.NATS_TLS.defaultValue()).isEqualTo(String.valueOf(config.nats().tls()));
            assertThat(ConfigParser.duration(Setting.REQUEST_TIMEOUT.defaultValue())).isEqualTo(config.requestTimeout());
            assertThat(ConfigParser.duration(Setting.IDLE_TIMEOUT.defaultValue())).isEqualTo(config.idleTimeout());
            assertThat(ConfigParser.duration(Setting.SHUTDOWN_TIMEOUT.defaultValue()))
                    .isEqualTo(config.shutdownTimeout());
        }
    }

    @Nested
    class Every_setting {

        @Test
        void is_read_from_its_environment_variable() {
            Map<String, String> environment = new HashMap<>();
            environment.put("CLSTR_BACKEND", "nats");
            environment.put("CLSTR_NATS_URL", "nats://a:4222, tls://b:4223");
            environment.put("CLSTR_NATS_USER", "app");
            environment.put("CLSTR_NATS_PASSWORD", "s3cret");
            environment.put("CLSTR_NATS_TLS", "true");
            environment.put("CLSTR_NATS_REPLICAS", "3");
            environment.put("CLSTR_NODE_ID", "node_1-A");
            environment.put("CLSTR_CLUSTER", "orders");
            environment.put("CLSTR_SHARDS", "64");
            environment.put("CLSTR_HTTP_PORT", "0");
            environment.put("CLSTR_HTTP_MAX_BODY", "1024");
            environment.put("CLSTR_REQUEST_TIMEOUT", "500ms");
            environment.put("CLSTR_IDLE_TIMEOUT", "30s");
            environment.put("CLSTR_MAX_ACTIVE_ENTITIES", "10");
            environment.put("CLSTR_SNAPSHOT_EVERY", "0");
            environment.put("CLSTR_SHUTDOWN_TIMEOUT", "1h");

            ClstrConfig config = parse(environment);

            assertThat(config.backend()).isEqualTo(BackendKind.NATS);
            assertThat(config.nats().servers()).containsExactly("nats://a:4222", "tls://b:4223");
            assertThat(config.nats().user()).hasValue("app");
            assertThat(config.nats().password()).hasValue("s3cret");
            assertThat(config.nats().tls()).isTrue();
            assertThat(config.nats().replicas()).isEqualTo(3);
            assertThat(config.nodeId()).isEqualTo("node_1-A");
            assertThat(config.cluster()).isEqualTo("orders");
            assertThat(config.shards()).isEqualTo(64);
            assertThat(config.httpPort()).isZero();
            assertThat(config.httpMaxBodyBytes()).isEqualTo(1024);
            assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.maxActiveEntities()).isEqualTo(10);
            assertThat(config.snapshotEvery()).isZero();
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void is_read_from_its_flag_in_either_form() {
            ClstrConfig config = parse(Map.of(),
                    "--backend=nats", "--nats-url", "wss://c:443", "--nats-token=t0ken", "--nats-tls",
                    "--nats-replicas", "5", "--node-id=n2", "--cluster", "c2", "--shards=1", "--http-port", "9090",
                    "--http-max-body=2048", "--request-timeout", "2m", "--idle-timeout=1h",
                    "--max-active-entities", "100000000", "--snapshot-every=1000000", "--shutdown-timeout", "1ms");

            assertThat(config.backend()).isEqualTo(BackendKind.NATS);
            assertThat(config.nats().servers()).containsExactly("wss://c:443");
            assertThat(config.nats().token()).hasValue("t0ken");
            assertThat(config.nats().tls()).isTrue();
            assertThat(config.nats().replicas()).isEqualTo(5);
            assertThat(config.nodeId()).isEqualTo("n2");
            assertThat(config.cluster()).isEqualTo("c2");
            assertThat(config.shards()).isEqualTo(1);
            assertThat(config.httpPort()).isEqualTo(9090);
            assertThat(config.httpMaxBodyBytes()).isEqualTo(2048);
            assertThat(config.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.idleTimeout()).isEqualTo(Duration.ofHours(1));
            assertThat(config.maxActiveEntities()).isEqualTo(100_000_000);
            assertThat(config.snapshotEvery()).isEqualTo(1_000_000);
            assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMillis(1));
        }

        @Test
        void credential_files_are_read_from_their_variables() {
            String creds = readableFile("app.creds");
            String seed = readableFile("app.nk");

            assertThat(parse(Map.of("CLSTR_NATS_CREDS", creds)).nats().credentialsFile()).hasValue(Path.of(creds));
            assertThat(parse(Map.of(), "--nats-nkey", seed).nats().nkeySeedFile()).hasValue(Path.of(seed));
        }

        @Test
        void tls_files_are_read_and_imply_tls() {
            String ca = readableFile("ca.pem");
            String cert = readableFile("client.pem");
            String key = readableFile("client-key.pem");

            NatsConfig nats = parse(Map.of("CLSTR_NATS_TLS_CA", ca, "CLSTR_NATS_TLS_CERT", cert,
                    "CLSTR_NATS_TLS_KEY", key)).nats();

            assertThat(nats.tls()).isTrue();
            assertThat(nats.tlsCaFile()).hasValue(Path.of(ca));
            assertThat(nats.tlsCertFile()).hasValue(Path.of(cert));
            assertThat(nats.tlsKeyFile()).hasValue(Path.of(key));
            assertThat(parse(Map.of("CLSTR_NATS_URL", "tls://a:4222")).nats().tls()).as("a tls:// URL").isTrue();
        }

        @Test
        void the_http_address_and_a_management_listener_are_read() {
            ClstrConfig config = parse(Map.of("CLSTR_HTTP_ADDRESS", "10.0.0.5", "CLSTR_MANAGEMENT_PORT", "9090"));

            assertThat(config.httpAddress()).hasValue("10.0.0.5");
            assertThat(config.management()).hasValue(new ClstrConfig.Management(java.util.Optional.of("10.0.0.5"),
                    9090));
            assertThat(parse(Map.of(), "--management-port=0", "--management-address", "::1").management())
                    .hasValue(new ClstrConfig.Management(java.util.Optional.of("::1"), 0));
        }

        @Test
        void has_a_variable_and_a_flag_named_after_it() {
            for (Setting setting : Setting.values()) {
                assertThat(setting.variable()).startsWith("CLSTR_").isUpperCase();
                assertThat(setting.flag()).matches("--[a-z]+(-[a-z]+)*");
                assertThat(Setting.byVariable(setting.variable())).hasValue(setting);
                assertThat(Setting.byFlag(setting.flag())).hasValue(setting);
                assertThat(setting.description()).isNotBlank();
            }
        }
    }

    @Nested
    class Precedence {

        @Test
        void a_flag_overrides_the_variable_which_overrides_the_default() {
            assertThat(parse(Map.of()).shards()).isEqualTo(256);
            assertThat(parse(Map.of("CLSTR_SHARDS", "32")).shards()).isEqualTo(32);
            assertThat(parse(Map.of("CLSTR_SHARDS", "32"), "--shards", "8").shards()).isEqualTo(8);
        }

        @Test
        void a_flag_overrides_an_invalid_variable_without_complaint() {
            assertThat(parse(Map.of("CLSTR_SHARDS", "lots"), "--shards=8").shards()).isEqualTo(8);
        }

        @Test
        void a_boolean_flag_can_switch_a_variable_off() {
            assertThat(parse(Map.of("CLSTR_NATS_TLS", "true"), "--nats-tls=false").nats().tls()).isFalse();
        }

        @Test
        void an_empty_variable_counts_as_unset() {
            assertThat(parse(Map.of("CLSTR_SHARDS", "", "CLSTR_NATS_TOKEN", "  ")).shards()).isEqualTo(256);
            assertThat(parse(Map.of("CLSTR_NATS_TOKEN", "  ")).nats().token()).isEmpty();
        }

        @Test
        void values_are_trimmed() {
            assertThat(parse(Map.of("CLSTR_HTTP_PORT", " 8081 "), "--cluster= east ").httpPort()).isEqualTo(8081);
            assertThat(parse(Map.of(), "--cluster= east ").cluster()).isEqualTo("east");
        }
    }

    @Nested
    class Invalid_values {

        @ParameterizedTest(name = "{0}={1}")
        @MethodSource("io.clstr.bootstrap.config.ConfigParserTest#invalidValues")
        void are_refused_naming_the_variable_and_the_value(String variable, String value, String problem) {
            assertThat(problems(Map.of(variable, value)))
                    .containsExactly(variable + ": " + problem + ", got '" + value + "'");
        }

        @Test
        void are_refused_naming_the_flag_they_came_from() {
            assertThat(problems(Map.of(), "--shards=x"))
                    .containsExactly("--shards: must be an integer between 1 and 65536, got 'x'");
            assertThat(problems(Map.of(), "--request-timeout", "soon")).containsExactly(
                    "--request-timeout: must be a duration such as 500ms, 5s or 2m, between 1ms and 24h, got 'soon'");
        }

        @Test
        void are_all_reported_at_once() {
            assertThat(problems(Map.of("CLSTR_SHARDS", "0", "CLSTR_CLUSTER", "a.b"), "--http-port=-1"))
                    .containsExactlyInAnyOrder(
                            "CLSTR_SHARDS: must be an integer between 1 and 65536, got '0'",
                            "CLSTR_CLUSTER: must be 1 to 64 characters of A-Z a-z 0-9 _ -, got 'a.b'",
                            "--http-port: must be an integer between 0 and 65535, got '-1'");
        }

        @Test
        void a_file_that_cannot_be_read_is_refused() {
            String missing = files.resolve("missing.creds").toString();

            assertThat(problems(Map.of("CLSTR_NATS_CREDS", missing)))
                    .containsExactly("CLSTR_NATS_CREDS: must be a readable file, got '" + missing + "'");
            assertThat(problems(Map.of("CLSTR_NATS_NKEY", files.toString())))
                    .containsExactly("CLSTR_NATS_NKEY: must be a readable file, got '" + files + "'");
            assertThat(problems(Map.of("CLSTR_NATS_TLS_CA", missing)))
                    .containsExactly("CLSTR_NATS_TLS_CA: must be a readable file, got '" + missing + "'");
        }

        @Test
        void secrets_are_never_echoed() {
            assertThat(problems(Map.of("CLSTR_NATS_USER", "app"), "--nats-password="))
                    .containsExactly("--nats-password: must not be empty");
            assertThat(problems(Map.of("CLSTR_NATS_URL", "nats://app:hunter2@host:4222")))
                    .containsExactly("CLSTR_NATS_URL: must not contain credentials;"
                            + " use CLSTR_NATS_USER and CLSTR_NATS_PASSWORD")
                    .noneMatch(problem -> problem.contains("hunter2"));
        }

        @Test
        void the_config_never_shows_secrets() {
            ClstrConfig config = parse(Map.of("CLSTR_NATS_USER", "app", "CLSTR_NATS_PASSWORD", "hunter2"));
            ClstrConfig withToken = parse(Map.of("CLSTR_NATS_TOKEN", "t0psecret"));

            assertThat(config.toString()).contains("app").doesNotContain("hunter2");
            assertThat(withToken.toString()).doesNotContain("t0psecret");
        }
    }

    @Nested
    class Nats_authentication {

        @Test
        void a_user_needs_a_password_and_a_password_a_user() {
            assertThat(problems(Map.of("CLSTR_NATS_USER", "app")))
                    .containsExactly("CLSTR_NATS_USER and CLSTR_NATS_PASSWORD: set both or neither");
            assertThat(problems(Map.of(), "--nats-password=x"))
                    .containsExactly("CLSTR_NATS_USER and --nats-password: set both or neither");
        }

        @Test
        void only_one_way_to_authenticate_is_accepted() {
            assertThat(problems(Map.of("CLSTR_NATS_TOKEN", "t", "CLSTR_NATS_CREDS", readableFile("one.creds"))))
                    .containsExactly("CLSTR_NATS_TOKEN, CLSTR_NATS_CREDS: choose one way to authenticate to NATS"
                            + " (a user and password, a token, a credentials file or an NKey seed file)");
            assertThat(problems(Map.of("CLSTR_NATS_USER", "u", "CLSTR_NATS_PASSWORD", "p"), "--nats-nkey",
                    readableFile("one.nk"))).hasSize(1).allMatch(problem -> problem.startsWith(
                            "CLSTR_NATS_USER, --nats-nkey: choose one way"));
        }
    }

    @Nested
    class Nats_tls {

        @Test
        void a_client_certificate_needs_its_key_and_a_key_its_certificate() {
            assertThat(problems(Map.of("CLSTR_NATS_TLS_CERT", readableFile("c.pem"))))
                    .containsExactly("CLSTR_NATS_TLS_CERT and CLSTR_NATS_TLS_KEY: set both or neither");
            assertThat(problems(Map.of(), "--nats-tls-key", readableFile("k.pem")))
                    .containsExactly("CLSTR_NATS_TLS_CERT and --nats-tls-key: set both or neither");
        }

        @Test
        void tls_switched_off_while_a_file_or_url_asks_for_it_is_refused() {
            assertThat(problems(Map.of("CLSTR_NATS_TLS", "false", "CLSTR_NATS_TLS_CA", readableFile("ca.pem"))))
                    .containsExactly("CLSTR_NATS_TLS: is false, but CLSTR_NATS_TLS_CA ask for TLS");
            assertThat(problems(Map.of("CLSTR_NATS_URL", "tls://a:4222"), "--nats-tls=false"))
                    .containsExactly("--nats-tls: is false, but CLSTR_NATS_URL (tls:// or wss://) ask for TLS");
        }
    }

    @Nested
    class Management_listener {

        @Test
        void an_address_needs_a_port() {
            assertThat(problems(Map.of("CLSTR_MANAGEMENT_ADDRESS", "127.0.0.1")))
                    .containsExactly("CLSTR_MANAGEMENT_ADDRESS: needs CLSTR_MANAGEMENT_PORT");
        }

        @Test
        void the_port_must_differ_from_the_api_port() {
            assertThat(problems(Map.of("CLSTR_HTTP_PORT", "8080", "CLSTR_MANAGEMENT_PORT", "8080")))
                    .containsExactly("CLSTR_MANAGEMENT_PORT: must differ from CLSTR_HTTP_PORT, got 8080 for both");
            assertThat(parse(Map.of("CLSTR_HTTP_PORT", "0", "CLSTR_MANAGEMENT_PORT", "0")).management()).isPresent();
        }
    }

    @Nested
    class Unknown_settings {

        @Test
        void an_unknown_clstr_variable_is_refused() {
            assertThat(problems(Map.of("CLSTR_SHARD", "8")))
                    .containsExactly("CLSTR_SHARD: unknown setting (--help lists them all)");
        }

        @Test
        void the_test_suite_variable_and_other_variables_are_ignored() {
            ClstrConfig config = parse(Map.of("CLSTR_REQUIRE_NATS", "true", "PATH", "/usr/bin", "clstr_shards", "1"));

            assertThat(config.shards()).isEqualTo(256);
        }

        @Test
        void an_unknown_flag_is_refused() {
            assertThat(problems(Map.of(), "--shard=8")).containsExactly("--shard: unknown flag (--help lists them all)");
        }

        @Test
        void a_flag_without_its_value_is_refused() {
            assertThat(problems(Map.of(), "--shards")).containsExactly("--shards: needs a value");
            assertThat(problems(Map.of(), "--shards", "--cluster=c")).containsExactly("--shards: needs a value");
        }

        @Test
        void a_flag_given_twice_is_refused() {
            assertThat(problems(Map.of(), "--shards=8", "--shards", "16"))
                    .containsExactly("--shards: given more than once");
        }

        @Test
        void an_argument_that_is_not_a_flag_is_refused() {
            assertThat(problems(Map.of(), "8080")).containsExactly(
                    "unexpected argument '8080' (settings are flags such as --http-port 8080)");
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource({"1ms, PT0.001S", "500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "24h, PT24H", "90s, PT1M30S"})
        void accept_milliseconds_seconds_minutes_and_hours(String value, Duration expected) {
            assertThat(ConfigParser.duration(value)).isEqualTo(expected);
        }
    }

    @Nested
    class Operations {

        @Test
        void by_default_the_node_stops_at_once_and_logs_text_at_info_without_an_access_log() {
            ClstrConfig config = parse(Map.of());

            assertThat(config.shutdownDelay()).isZero();
            assertThat(config.logs()).isEqualTo(LogConfig.defaults());
            assertThat(config.logs().format()).isEqualTo(LogFormat.TEXT);
            assertThat(config.logs().level()).isEqualTo(Setting.LOG_LEVEL.defaultValue());
            assertThat(config.logs().loggerLevels()).isEmpty();
            assertThat(config.logs().accessLog()).isFalse();
            assertThat(Setting.SHUTDOWN_DELAY.defaultValue()).isEqualTo("0s");
            assertThat(Setting.LOG_FORMAT.defaultValue()).isEqualTo(config.logs().format().settingValue());
            assertThat(Setting.ACCESS_LOG.defaultValue()).isEqualTo("false");
        }

        @Test
        void come_from_variables_and_flags() {
            ClstrConfig fromVariables = parse(Map.of("CLSTR_SHUTDOWN_DELAY", "5s", "CLSTR_LOG_FORMAT", "JSON",
                    "CLSTR_LOG_LEVEL", "warn", "CLSTR_ACCESS_LOG", "true"));
            ClstrConfig fromFlags = parse(Map.of("CLSTR_ACCESS_LOG", "true"), "--shutdown-delay=500ms",
                    "--log-format", "json", "--log-level", "debug", "--access-log=false");

            assertThat(fromVariables.shutdownDelay()).isEqualTo(Duration.ofSeconds(5));
            assertThat(fromVariables.logs()).isEqualTo(new LogConfig(LogFormat.JSON, "warn", Map.of(), true));
            assertThat(fromFlags.shutdownDelay()).isEqualTo(Duration.ofMillis(500));
            assertThat(fromFlags.logs()).isEqualTo(new LogConfig(LogFormat.JSON, "debug", Map.of(), false));
            assertThat(parse(Map.of(), "--access-log").logs().accessLog()).isTrue();
        }

        @Test
        void a_delay_may_be_zero_in_any_unit() {
            assertThat(ConfigParser.delay("0s")).isZero();
            assertThat(ConfigParser.delay("0ms")).isZero();
            assertThat(ConfigParser.delay("5m")).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void log_levels_are_a_default_and_levels_of_named_loggers_in_any_order_and_case() {
            LogConfig logs = parse(Map.of("CLSTR_LOG_LEVEL",
                    "io.clstr.application.cluster=DEBUG, warn ,org.eclipse.jetty=info,Main$Inner=off")).logs();

            assertThat(logs.level()).isEqualTo("warn");
            assertThat(logs.loggerLevels()).containsOnly(Map.entry("io.clstr.application.cluster", "debug"),
                    Map.entry("org.eclipse.jetty", "info"), Map.entry("Main$Inner", "off"));
            assertThat(parse(Map.of("CLSTR_LOG_LEVEL", "io.clstr=trace")).logs().level()).isEqualTo("info");
        }

        @Test
        void problem_types_are_relative_unless_a_base_the_adopter_owns_is_given() {
            assertThat(parse(Map.of()).problemTypeBase()).isEqualTo("/problems/")
                    .isEqualTo(Setting.PROBLEM_TYPE_BASE.defaultValue());
            assertThat(parse(Map.of("CLSTR_PROBLEM_TYPE_BASE", "https://api.example.com/errors/")).problemTypeBase())
                    .isEqualTo("https://api.example.com/errors/");
            assertThat(parse(Map.of(), "--problem-type-base", "/api/problems/").problemTypeBase())
                    .isEqualTo("/api/problems/");
        }

        @ParameterizedTest
        @MethodSource("io.clstr.bootstrap.config.ConfigParserTest#invalidOperationValues")
        void invalid_values_are_refused_naming_the_setting(String variable, String value, String problem) {
            assertThat(problems(Map.of(variable, value))).containsExactly(variable + ": " + problem);
        }
    }

    static Stream<Arguments> invalidOperationValues() {
        String delay = "must be a duration such as 0s, 500ms or 5s, at most 5m";
        String levels = " (levels: trace, debug, info, warn, error, off)";
        String typeBase = "must be a path (/problems/) or an absolute URI (https://example.com/problems/) that ends"
                + " with /, without query or fragment";
        return Stream.of(
                Arguments.of("CLSTR_SHUTDOWN_DELAY", "6m", delay + ", got '6m'"),
                Arguments.of("CLSTR_SHUTDOWN_DELAY", "-1s", delay + ", got '-1s'"),
                Arguments.of("CLSTR_LOG_FORMAT", "logfmt", "must be text or json, got 'logfmt'"),
                Arguments.of("CLSTR_PROBLEM_TYPE_BASE", "problems/", typeBase + ", got 'problems/'"),
                Arguments.of("CLSTR_PROBLEM_TYPE_BASE", "https://example.com/problems",
                        typeBase + ", got 'https://example.com/problems'"),
                Arguments.of("CLSTR_ACCESS_LOG", "on", "must be true or false, got 'on'"),
                Arguments.of("CLSTR_LOG_LEVEL", "loud", "'loud' has no valid level" + levels + ", got 'loud'"),
                Arguments.of("CLSTR_LOG_LEVEL", "info,", "'' has no valid level" + levels + ", got 'info,'"),
                Arguments.of("CLSTR_LOG_LEVEL", "info,warn",
                        "gives the default level twice; name a logger as logger=level, got 'info,warn'"),
                Arguments.of("CLSTR_LOG_LEVEL", "io.clstr=debug,io.clstr=info",
                        "gives logger io.clstr twice, got 'io.clstr=debug,io.clstr=info'"),
                Arguments.of("CLSTR_LOG_LEVEL", "io..clstr=debug",
                        "'io..clstr' is not a logger name such as io.clstr.application.cluster, got 'io..clstr=debug'"));
    }

    static Stream<Arguments> invalidValues() {
        String duration = "must be a duration such as 500ms, 5s or 2m, between 1ms and 24h";
        String token = "must be 1 to 64 characters of A-Z a-z 0-9 _ -";
        String urls = "must be NATS URLs such as nats://host:4222, comma-separated (schemes nats, tls, ws, wss)";
        String address = "must be an IP address or a host name, such as 127.0.0.1, ::1 or localhost";
        return Stream.of(
                Arguments.of("CLSTR_BACKEND", "postgres", "must be memory or nats"),
                Arguments.of("CLSTR_NATS_URL", "http://host:4222", urls),
                Arguments.of("CLSTR_NATS_URL", "localhost:4222", urls),
                Arguments.of("CLSTR_NATS_URL", "nats://a:4222,", urls),
                Arguments.of("CLSTR_NATS_URL", "nats://a:4222/path", urls),
                Arguments.of("CLSTR_NATS_URL", "nats://a:99999", urls),
                Arguments.of("CLSTR_NATS_URL", "nats://a b", "must be NATS URLs such as nats://host:4222, comma-separated"),
                Arguments.of("CLSTR_NATS_TLS", "yes", "must be true or false"),
                Arguments.of("CLSTR_NATS_REPLICAS", "0", "must be an integer between 1 and 5"),
                Arguments.of("CLSTR_NATS_REPLICAS", "7", "must be an integer between 1 and 5"),
                Arguments.of("CLSTR_NATS_STARTUP_TIMEOUT", "soon", duration),
                Arguments.of("CLSTR_NODE_ID", "node.1", token),
                Arguments.of("CLSTR_NODE_ID", "n".repeat(65), token),
                Arguments.of("CLSTR_NODE_ID", "nœud", token),
                Arguments.of("CLSTR_CLUSTER", "my cluster", token),
                Arguments.of("CLSTR_SHARDS", "x", "must be an integer between 1 and 65536"),
                Arguments.of("CLSTR_SHARDS", "0", "must be an integer between 1 and 65536"),
                Arguments.of("CLSTR_SHARDS", "65537", "must be an integer between 1 and 65536"),
                Arguments.of("CLSTR_HTTP_PORT", "65536", "must be an integer between 0 and 65535"),
                Arguments.of("CLSTR_HTTP_ADDRESS", "10.0.0.1 10.0.0.2", address),
                Arguments.of("CLSTR_HTTP_ADDRESS", "http://host", address),
                Arguments.of("CLSTR_MANAGEMENT_PORT", "-1", "must be an integer between 0 and 65535"),
                Arguments.of("CLSTR_MANAGEMENT_ADDRESS", "host/24", address),
                Arguments.of("CLSTR_HTTP_PORT", "80.5", "must be an integer between 0 and 65535"),
                Arguments.of("CLSTR_HTTP_MAX_BODY", "0", "must be an integer between 1 and 1073741824"),
                Arguments.of("CLSTR_HTTP_MAX_BODY", "64k", "must be an integer between 1 and 1073741824"),
                Arguments.of("CLSTR_REQUEST_TIMEOUT", "5", duration),
                Arguments.of("CLSTR_REQUEST_TIMEOUT", "0s", duration),
                Arguments.of("CLSTR_REQUEST_TIMEOUT", "1.5s", duration),
                Arguments.of("CLSTR_IDLE_TIMEOUT", "25h", duration),
                Arguments.of("CLSTR_IDLE_TIMEOUT", "-1m", duration),
                Arguments.of("CLSTR_IDLE_TIMEOUT", "2 m", duration),
                Arguments.of("CLSTR_MAX_ACTIVE_ENTITIES", "0", "must be an integer between 1 and 100000000"),
                Arguments.of("CLSTR_SNAPSHOT_EVERY", "-1", "must be an integer between 0 and 1000000"),
                Arguments.of("CLSTR_SHUTDOWN_TIMEOUT", "forever", duration),
                Arguments.of("CLSTR_HEARTBEAT_INTERVAL", "0ms", duration),
                Arguments.of("CLSTR_MEMBER_TTL", "5", duration));
    }

    @Test
    void a_member_ttl_shorter_than_two_heartbeats_is_refused() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new ConfigParser(
                Map.of("CLSTR_HEARTBEAT_INTERVAL", "2s", "CLSTR_MEMBER_TTL", "3s")).parse(List.of()));

        assertThat(error.getMessage()).contains("CLSTR_MEMBER_TTL: must be at least two heartbeat intervals");
    }

    @Test
    void every_setting_with_a_rule_has_an_invalid_case() {
        Set<String> covered = Stream.concat(invalidValues(), invalidOperationValues())
                .map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());
        // Free text refuses only emptiness (see secrets_are_never_echoed); files, unreadable ones.
        EnumSet<Setting> elsewhere = EnumSet.of(Setting.NATS_USER, Setting.NATS_PASSWORD, Setting.NATS_TOKEN,
                Setting.NATS_CREDS, Setting.NATS_NKEY, Setting.NATS_TLS_CA, Setting.NATS_TLS_CERT, Setting.NATS_TLS_KEY);

        for (Setting setting : EnumSet.complementOf(elsewhere)) {
            assertThat(covered).as("invalid cases").contains(setting.variable());
        }
    }
}
