package io.clstr.adapters.javalin;

import java.util.Objects;

/**
 * A route the server answers: an HTTP method and a path template such as {@code /orders/{id}}.
 * Metrics are labelled with the template, never with the raw path.
 */
public record Route(String method, String path) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
