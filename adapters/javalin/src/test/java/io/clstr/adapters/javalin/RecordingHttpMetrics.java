package io.clstr.adapters.javalin;

import io.clstr.ports.out.metrics.HttpMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every request the server reports. */
final class RecordingHttpMetrics implements HttpMetrics {

    record Recorded(String method, String route, int status, long nanos) {
    }

    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    @Override
    public void request(String method, String route, int status, long nanos) {
        requests.add(new Recorded(method, route, status, nanos));
    }
}
