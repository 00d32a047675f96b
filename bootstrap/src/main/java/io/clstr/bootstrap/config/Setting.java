package io.clstr.bootstrap.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting a node reads. Each has an environment variable ({@code CLSTR_SHARDS}) and a flag
 * ({@code --shards}) derived from its name; a flag overrides the variable, which overrides the default.
 * {@code docs/guides/configuration.md} documents each one (a test keeps the two in step).
 */
public enum Setting {

    BACKEND("memory", "Where events, snapshots and read models live: memory (one process, nothing kept) or nats"),
    NATS_URL("nats://127.0.0.1:4222", "NATS servers to connect to, comma-separated (nats://, tls://, ws:// or wss://)"),
    NATS_USER("(none)", "User name for NATS; needs CLSTR_NATS_PASSWORD"),
    NATS_PASSWORD("(none)", "Password for NATS; needs CLSTR_NATS_USER. Prefer the variable: flags show in ps"),
    NATS_TOKEN("(none)", "Token for NATS (instead of a user and password)"),
    NATS_CREDS("(none)", "Credentials file (JWT and NKey seed) for NATS"),
    NATS_NKEY("(none)", "NKey seed file for NATS"),
    NATS_TLS("false", "Connect to NATS over TLS (true or false), checking the server's certificate and host name"),
    NATS_TLS_CA("(JVM trust store)", "PEM file of the CA certificates to trust for NATS; implies TLS"),
    NATS_TLS_CERT("(none)", "PEM file of this node's client certificate (chain) for mutual TLS; needs CLSTR_NATS_TLS_KEY"),
    NATS_TLS_KEY("(none)", "PEM file of the client certificate's private key (PKCS#8, unencrypted); needs CLSTR_NATS_TLS_CERT"),
    NATS_REPLICAS("1", "JetStream replicas of clstr's streams and buckets, 1 to 5"),
    NATS_STARTUP_TIMEOUT("60s", "How long a starting node waits for NATS and JetStream (retrying with backoff) before it gives up"),
    NODE_ID("node-<random>", "This node's name in the cluster: 1 to 64 of A-Z a-z 0-9 _ -"),
    CLUSTER("clstr", "The cluster's name; nodes with the same name share the work: 1 to 64 of A-Z a-z 0-9 _ -"),
    SHARDS("256", "Shards the keys are spread over, 1 to 65536; every node of a cluster must agree"),
    HTTP_ADDRESS("(all interfaces)", "Interface the HTTP API listens on: an IP address or a host name"),
    HTTP_PORT("8080", "HTTP port, 0 to 65535 (0: any free port)"),
    HTTP_MAX_BODY("65536", "Largest request body in bytes; larger ones are answered 413"),
    REQUEST_TIMEOUT("15s", "How long one request may take, retries included, before it is answered 503"),
    MANAGEMENT_PORT("(none)", "Port of /cluster, /metrics and health apart from the API, 0 to 65535 (unset: on the API port)"),
    PROBLEM_TYPE_BASE("/problems/", "What the type URI of an error (problem document) starts with: a path or an absolute URI, ending with /"),
    MANAGEMENT_ADDRESS("(as CLSTR_HTTP_ADDRESS)", "Interface the management port listens on; needs CLSTR_MANAGEMENT_PORT"),
    IDLE_TIMEOUT("2m", "An entity unused for this long is passivated (its memory released)"),
    MAX_ACTIVE_ENTITIES("100000", "Active entities per aggregate type; beyond it the least recently used are passivated"),
    SNAPSHOT_EVERY("100", "Snapshot an entity every this many events (0: never)"),
    SHUTDOWN_TIMEOUT("10s", "How long a graceful stop may take (drain requests, passivate entities, close)"),
    HEARTBEAT_INTERVAL("1s", "How often a node renews its cluster membership and re-checks its shards"),
    MEMBER_TTL("5s", "A node whose heartbeat does not advance for this long while others' do is gone; at least two heartbeats"),

    // Operations: stopping behind a load balancer, and logs.
    SHUTDOWN_DELAY("0s", "On SIGTERM, how long the node keeps serving while readiness answers 503, before it stops"),
    LOG_FORMAT("text", "Log lines as text (for people) or json (one JSON object per line, for collectors)"),
    LOG_LEVEL("info", "Log levels: a default and logger=level pairs, e.g. info,io.clstr.application.cluster=debug"),
    ACCESS_LOG("false", "Log one line per HTTP request: method, path, status, duration (true or false)");

    /** The prefix of every variable. */
    public static final String ENV_PREFIX = "CLSTR_";

    /**
     * Read by the test suite, not by the service (it makes NATS tests fail instead of skipping when
     * nats-server is missing). CI exports it, so the service must tolerate it.
     */
    public static final String TEST_SUITE_VARIABLE = "CLSTR_REQUIRE_NATS";

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The environment variable, such as {@code CLSTR_HTTP_PORT}. */
    public String variable() {
        return ENV_PREFIX + name();
    }

    /** The command-line flag, such as {@code --http-port}. */
    public String flag() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The default as help shows it. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Secrets are never echoed back, not even in an error about their value. */
    public boolean secret() {
        return this == NATS_PASSWORD || this == NATS_TOKEN;
    }

    /** Whether the value is {@code true}/{@code false}, so a bare flag means {@code true}. */
    public boolean bool() {
        return this == NATS_TLS || this == ACCESS_LOG;
    }

    public static Optional<Setting> byVariable(String variable) {
        for (Setting setting : values()) {
            if (setting.variable().equals(variable)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    public static Optional<Setting> byFlag(String flag) {
        for (Setting setting : values()) {
            if (setting.flag().equals(flag)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}
