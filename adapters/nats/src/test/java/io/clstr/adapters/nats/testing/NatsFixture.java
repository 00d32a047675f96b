package io.clstr.adapters.nats.testing;

import io.clstr.adapters.nats.NatsSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A NATS server with JetStream that a test only connects to. Two implementations, chosen by the system property
 * {@value #PROPERTY} or else the environment variable {@value #VARIABLE}: {@code binary} (the default), a
 * {@code nats-server} process ({@link NatsServer}); {@code testcontainers}, the official {@code nats} image under
 * Docker ({@link NatsContainer}). Tests that stop, kill or restart servers, form clusters or configure TLS use
 * {@link NatsServer} directly: those need control over a process.
 */
public interface NatsFixture extends AutoCloseable {

    String PROPERTY = "clstr.natsFixture";
    String VARIABLE = "NATS_FIXTURE";

    /** The client URL, such as {@code nats://127.0.0.1:41234}. */
    String url();

    /** Connection settings for this server with quick reconnects, as tests want them. */
    default NatsSettings settings() {
        return NatsSettings.of(url())
                .withConnectionName("clstr-test")
                .withReconnect(Duration.ofMillis(100), -1)
                .withConnectTimeout(Duration.ofSeconds(5));
    }

    /** Stops the server and deletes its store. */
    @Override
    void close();

    /** One server per JVM of the chosen kind, started on first use and closed when the JVM exits. */
    static NatsFixture shared() {
        return switch (Kind.chosen(System.getProperty(PROPERTY), System.getenv())) {
            case BINARY -> NatsServer.shared();
            case TESTCONTAINERS -> NatsContainer.shared();
        };
    }

    /** The implementations, as {@value #VARIABLE} names them. */
    enum Kind {
        BINARY, TESTCONTAINERS;

        static Kind chosen(String property, Map<String, String> environment) {
            String value = property != null && !property.isBlank() ? property : environment.get(VARIABLE);
            if (value == null || value.isBlank()) {
                return BINARY;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(VARIABLE + "=" + value + " is not a NATS test fixture; use binary"
                        + " (a nats-server process, the default) or testcontainers (the nats image under Docker)", e);
            }
        }
    }
}
