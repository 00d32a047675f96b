package io.clstr.adapters.javalin;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server runs.
 *
 * @param port the port to listen on; 0 picks any free port ({@link HttpServer#port()} reports it)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param requestTimeout how long one use-case call may take before the request is answered with 503; it
 *     is also the deadline handed to the use case, and bounds how long {@link HttpServer#close()} drains
 */
public record HttpSettings(int port, int maxBodyBytes, Duration requestTimeout) {

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    public HttpSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
                    + ", was " + maxBodyBytes);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /** The defaults (64 KiB bodies, 5 s per use-case call) on this port. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings(port, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT);
    }

    public HttpSettings withMaxBodyBytes(int maxBodyBytes) {
        return new HttpSettings(port, maxBodyBytes, requestTimeout);
    }

    public HttpSettings withRequestTimeout(Duration requestTimeout) {
        return new HttpSettings(port, maxBodyBytes, requestTimeout);
    }
}
