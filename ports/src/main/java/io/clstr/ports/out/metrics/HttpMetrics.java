package io.clstr.ports.out.metrics;

/** What the HTTP adapter reports. The route is the template ({@code /orders/{id}}), never the raw path. */
public interface HttpMetrics {

    HttpMetrics NOOP = new HttpMetrics() {
    };

    /** A request was answered ({@code http_server_requests_seconds}). */
    default void request(String method, String route, int status, long nanos) {
    }
}
