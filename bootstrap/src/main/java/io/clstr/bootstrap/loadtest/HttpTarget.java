package io.clstr.bootstrap.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends increments through the HTTP API of one or more nodes, round-robin, with the command id as Idempotency-Key. */
final class HttpTarget implements LoadTarget {

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*(\\d+)");

    private final List<URI> nodes;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "loadtest-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;
    private final AtomicInteger next = new AtomicInteger();

    HttpTarget(List<URI> nodes, Duration timeout) {
        this.nodes = List.copyOf(nodes);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public CompletionStage<Void> increment(String counterId, String commandId) {
        URI node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/counters/" + counterId + "/increment"))
                .timeout(timeout)
                .header("Idempotency-Key", commandId)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                throw new RetryableException("http_" + error.getClass().getSimpleName(), String.valueOf(error));
            }
            int status = response.statusCode();
            if (status == 200) {
                return null;
            }
            if (status == 503 || status == 409 || status == 500) {
                throw new RetryableException("http_" + status, "status " + status);
            }
            throw new IllegalStateException("increment answered " + status);
        });
    }

    @Override
    public CompletionStage<Long> value(String counterId) {
        URI node = nodes.get(0);
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/counters/" + counterId)).timeout(timeout).GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() == 404) {
                return 0L;
            }
            Matcher value = VALUE.matcher(response.body());
            if (response.statusCode() != 200 || !value.find()) {
                throw new IllegalStateException("reading " + counterId + " answered " + response.statusCode());
            }
            return Long.parseLong(value.group(1));
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
