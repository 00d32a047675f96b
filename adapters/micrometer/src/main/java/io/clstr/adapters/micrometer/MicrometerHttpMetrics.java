package io.clstr.adapters.micrometer;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.clstr.ports.out.metrics.HttpMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@link HttpMetrics} as Micrometer's {@code http.server.requests} timer ({@code http_server_requests_seconds})
 * with its {@code method}, {@code uri}, {@code status} and {@code outcome} tags. {@code uri} is the route
 * template under the label limit; methods outside the standard nine and statuses outside 100-599 are
 * reported as {@value BoundedLabel#OTHER}, so no label can grow without bound.
 */
final class MicrometerHttpMetrics implements HttpMetrics {

    private static final String[] METHODS = {
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", BoundedLabel.OTHER,
    };
    private static final int OTHER_METHOD = METHODS.length - 1;
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 599;
    private static final int OTHER_STATUS = MAX_STATUS - MIN_STATUS + 1;

    private final MeterFactory meters;
    private final MetersByLabel<RouteTimers> routes;

    MicrometerHttpMetrics(MeterFactory meters) {
        this.meters = meters;
        this.routes = meters.byLabel("uri", RouteTimers::new);
    }

    @Override
    public void request(String method, String route, int status, long nanos) {
        routes.get(route).get(methodIndex(method), status).record(nanos, NANOSECONDS);
    }

    private static int methodIndex(String method) {
        if (method == null) {
            return OTHER_METHOD;
        }
        switch (method) {
            case "GET": return 0;
            case "HEAD": return 1;
            case "POST": return 2;
            case "PUT": return 3;
            case "DELETE": return 4;
            case "PATCH": return 5;
            case "OPTIONS": return 6;
            case "TRACE": return 7;
            case "CONNECT": return 8;
            default: return OTHER_METHOD;
        }
    }

    /**
     * The timers of one route, indexed by method and then by status, so a request costs two array reads.
     * A method's status array (about 2 KB) is allocated when the route first sees that method.
     */
    private final class RouteTimers {

        private final String uri;
        private final AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod =
                new AtomicReferenceArray<>(METHODS.length);

        RouteTimers(String uri) {
            this.uri = uri;
        }

        Timer get(int method, int status) {
            AtomicReferenceArray<Timer> byStatus = byMethod.get(method);
            if (byStatus == null) {
                byMethod.compareAndSet(method, null, new AtomicReferenceArray<>(OTHER_STATUS + 1));
                byStatus = byMethod.get(method);
            }
            int slot = status >= MIN_STATUS && status <= MAX_STATUS ? status - MIN_STATUS : OTHER_STATUS;
            Timer timer = byStatus.get(slot);
            if (timer == null) {
                // Racing threads build the same meter: the registry returns one instance per id.
                byStatus.compareAndSet(slot, null, create(METHODS[method], status, slot));
                timer = byStatus.get(slot);
            }
            return timer;
        }

        private Timer create(String method, int status, int slot) {
            String statusLabel = slot == OTHER_STATUS ? BoundedLabel.OTHER : Integer.toString(status);
            String outcome = slot == OTHER_STATUS ? Outcome.UNKNOWN.name() : Outcome.forStatus(status).name();
            return meters.latency("http.server.requests", "HTTP requests answered",
                    "method", method, "uri", uri, "status", statusLabel, "outcome", outcome);
        }
    }
}
