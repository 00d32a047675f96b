package io.clstr.adapters.javalin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP server runs.
 *
 * @param address the interface to listen on (an IP address or a host name); {@code null} for all interfaces
 * @param port the port to listen on; 0 picks any free port ({@link HttpServer#port()} reports it)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param requestTimeout how long one use-case call may take before the request is answered with 503; it
 *     is also the deadline handed to the use case, and bounds how long {@link HttpServer#close()} drains
 * @param management where the operations endpoints ({@code /cluster}, the extra routes such as
 *     {@code /metrics}, and health) are served apart from the API; empty to serve them on the API port
 * @param problemTypeBase what the {@code type} of a problem document starts with, before the code in kebab case:
 *     a path ({@code /problems/}, the default, resolved against the API's own address) or an absolute URI the
 *     adopter owns; it ends with {@code /}
 */
public record HttpSettings(String address, int port, int maxBodyBytes, Duration requestTimeout,
        Optional<Listener> management, String problemTypeBase) {

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_PROBLEM_TYPE_BASE = "/problems/";

    public HttpSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(management, "management");
        requireProblemTypeBase(problemTypeBase);
        requirePort(port, "port");
        if (address != null && address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank; null means all interfaces");
        }
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
                    + ", was " + maxBodyBytes);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /**
     * An interface and port to listen on.
     *
     * @param address {@code null} for all interfaces
     * @param port 0 picks any free port
     */
    public record Listener(String address, int port) {
        public Listener {
            requirePort(port, "port");
            if (address != null && address.isBlank()) {
                throw new IllegalArgumentException("address must not be blank; null means all interfaces");
            }
        }
    }

    /** The defaults (all interfaces, 64 KiB bodies, 5 s per use-case call, operations on the API port) on this port. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings(null, port, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT, Optional.empty(),
                DEFAULT_PROBLEM_TYPE_BASE);
    }

    public HttpSettings withAddress(String newAddress) {
        return new HttpSettings(newAddress, port, maxBodyBytes, requestTimeout, management, problemTypeBase);
    }

    public HttpSettings withMaxBodyBytes(int newMaxBodyBytes) {
        return new HttpSettings(address, port, newMaxBodyBytes, requestTimeout, management, problemTypeBase);
    }

    public HttpSettings withRequestTimeout(Duration newRequestTimeout) {
        return new HttpSettings(address, port, maxBodyBytes, newRequestTimeout, management, problemTypeBase);
    }

    /** Serves the operations endpoints on their own listener, and no longer on the API port (health stays on both). */
    public HttpSettings withManagement(Listener listener) {
        return new HttpSettings(address, port, maxBodyBytes, requestTimeout, Optional.of(listener),
                problemTypeBase);
    }

    public HttpSettings withProblemTypeBase(String newProblemTypeBase) {
        return new HttpSettings(address, port, maxBodyBytes, requestTimeout, management, newProblemTypeBase);
    }

    /** An absolute URI or an absolute path, ending with {@code /}: what a client can resolve and a code can follow. */
    private static void requireProblemTypeBase(String base) {
        Objects.requireNonNull(base, "problemTypeBase");
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("problemTypeBase must be a URI, was " + base, e);
        }
        boolean absolute = uri.isAbsolute() && uri.getRawAuthority() != null;
        if (!(absolute || base.startsWith("/")) || !base.endsWith("/") || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("problemTypeBase must be an absolute URI (https://example.com/problems/)"
                    + " or a path (/problems/) that ends with /, was " + base);
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
