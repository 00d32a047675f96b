package io.clstr.bootstrap.loadtest;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryMessageTransport;
import io.clstr.adapters.memory.InMemoryNetwork;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.transport.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The floor of a routed, persisted command on the memory backend: per command, one request/reply over the
 * in-memory transport and one append to the in-memory event store at the stream's expected version, and nothing
 * else (no codec, no entity). The responder answers from a thread of its own; appends of one counter follow each
 * other, as the commits of one entity must.
 */
final class MemoryFloor implements Increments, AutoCloseable {

    private static final String SUBJECT = "floor.request";

    private final InMemoryMessageTransport transport;
    private final EventStore store = new InMemoryEventStore();
    private final Duration timeout;
    private final ExecutorService responder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loadtest-floor-responder");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentMap<String, CompletableFuture<Long>> versions = new ConcurrentHashMap<>();

    MemoryFloor(Duration timeout) {
        this.timeout = timeout;
        this.transport = new InMemoryNetwork().connect();
        // The in-memory transport delivers on the caller's thread: replying from another one, as a node's entity
        // does, keeps a request from completing inside the call that sent it.
        transport.subscribe(SUBJECT, null, (message, replier) -> responder.execute(() -> replier.reply(message)));
    }

    @Override
    public CompletionStage<Void> increment(String counterId, String commandId) {
        byte[] body = commandId.getBytes(StandardCharsets.UTF_8);
        return transport.request(SUBJECT, Message.of(body), timeout)
                .thenCompose(reply -> appendAfterPrevious(counterId, commandId, body));
    }

    private CompletableFuture<Void> appendAfterPrevious(String counterId, String commandId, byte[] body) {
        CompletableFuture<Long> appended = new CompletableFuture<>();
        versions.compute(counterId, (ignored, previous) -> {
            CompletableFuture<Long> last = previous != null ? previous : CompletableFuture.completedFuture(0L);
            last.thenCompose(version -> store.append(StreamId.of("floor", counterId), ExpectedVersion.exactly(version),
                            List.of(new EventData("Incremented", body)), commandId))
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            appended.completeExceptionally(error);
                        } else {
                            appended.complete(result.version());
                        }
                    });
            // The memory store fails only on a conflict, which one writer per counter cannot cause.
            return appended;
        });
        return appended.thenApply(version -> null);
    }

    @Override
    public void close() {
        transport.close();
        responder.shutdownNow();
    }
}
