package io.clstr.adapters.javalin;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An extra {@code GET} route serving text, for endpoints that live outside this adapter's ports: bootstrap
 * mounts the Prometheus scrape as {@code new PlainRoute("/metrics", "text/plain; version=0.0.4", registry::scrape)},
 * so neither adapter depends on the other.
 *
 * @param body called on every request, on a server thread: it must be quick and must not block for long
 */
public record PlainRoute(String path, String contentType, Supplier<String> body) {

    public PlainRoute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was " + path);
        }
        if (contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank");
        }
    }
}
