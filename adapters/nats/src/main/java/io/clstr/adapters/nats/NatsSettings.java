package io.clstr.adapters.nats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach NATS: one connection per process, shared by every NATS adapter. Built by bootstrap
 * (adapters never read the environment).
 *
 * @param servers server URLs such as {@code nats://10.0.0.1:4222}; the client picks one and fails over
 * @param connectionName shown in the server's connection list ({@code nats server report connections})
 * @param connectTimeout how long to wait for the first connection
 * @param reconnectWait pause between reconnect attempts to the same server
 * @param maxReconnects reconnect attempts before the connection closes for good; {@code -1} = forever
 * @param requestTimeout the longest a JetStream request (publish acknowledgement, read) may take
 */
public record NatsSettings(
        List<String> servers,
        String connectionName,
        NatsAuth auth,
        NatsTls tls,
        Duration connectTimeout,
        Duration reconnectWait,
        int maxReconnects,
        Duration requestTimeout) {

    public NatsSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one NATS server URL is needed");
        }
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(reconnectWait, "reconnectWait");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxReconnects < -1) {
            throw new IllegalArgumentException("maxReconnects must be -1 (forever) or >= 0, got " + maxReconnects);
        }
    }

    /** Defaults: no auth, no TLS, 5 s to connect, reconnect every second forever, 5 s per JetStream request. */
    public static NatsSettings of(String... servers) {
        // A 2 s connect timeout, as jnats has by default: jnats waits for it even after the server refused the
        // credentials, and a node that cannot connect retries (CLSTR_NATS_STARTUP_TIMEOUT) anyway.
        return new NatsSettings(List.of(servers), "clstr", NatsAuth.none(), NatsTls.disabled(),
                Duration.ofSeconds(2), Duration.ofSeconds(1), -1, Duration.ofSeconds(5));
    }

    public NatsSettings withConnectionName(String name) {
        return new NatsSettings(servers, name, auth, tls, connectTimeout, reconnectWait, maxReconnects,
                requestTimeout);
    }

    public NatsSettings withAuth(NatsAuth newAuth) {
        return new NatsSettings(servers, connectionName, newAuth, tls, connectTimeout, reconnectWait, maxReconnects,
                requestTimeout);
    }

    public NatsSettings withTls(NatsTls newTls) {
        return new NatsSettings(servers, connectionName, auth, newTls, connectTimeout, reconnectWait, maxReconnects,
                requestTimeout);
    }

    public NatsSettings withConnectTimeout(Duration timeout) {
        return new NatsSettings(servers, connectionName, auth, tls, timeout, reconnectWait, maxReconnects,
                requestTimeout);
    }

    public NatsSettings withReconnect(Duration wait, int attempts) {
        return new NatsSettings(servers, connectionName, auth, tls, connectTimeout, wait, attempts, requestTimeout);
    }

    public NatsSettings withRequestTimeout(Duration timeout) {
        return new NatsSettings(servers, connectionName, auth, tls, connectTimeout, reconnectWait, maxReconnects,
                timeout);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
