package io.clstr.adapters.nats;

import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Keeps appending to a few aggregates on its own thread, like a client with a retry policy: a commit that fails
 * (server gone, leader election) is sent again with the same commit id until it is acknowledged, so the store
 * must keep it exactly once. Faults are injected while it runs.
 */
final class BackgroundWriter implements AutoCloseable {

    private final Acknowledged acknowledged = new Acknowledged();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> work;
    private volatile boolean stopping;

    BackgroundWriter(EventStore store, int aggregates) {
        work = thread.submit(() -> {
            for (int n = 0; !stopping; n++) {
                StreamId stream = StreamId.of("order", "o-" + n % aggregates);
                String commitId = "commit-" + n;
                List<EventData> events = List.of(new EventData("test.appended.v1", commitId.getBytes(UTF_8)));
                AppendResult result = Awaitility.await("commit " + commitId + " acknowledged")
                        .atMost(Duration.ofSeconds(60))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50))
                        .ignoreExceptions()
                        .until(() -> join(store.append(stream, ExpectedVersion.any(), events, commitId)), done -> true);
                acknowledged.add(stream, commitId, result);
            }
            return null;
        });
    }

    /** Waits until at least {@code count} commits are acknowledged in total. */
    void awaitAcknowledged(int count) {
        Awaitility.await(count + " commits acknowledged").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (work.isDone()) {
                        work.get();
                    }
                    return acknowledged.count() >= count;
                });
    }

    /** Stops after the commit in hand and returns what was acknowledged. */
    Acknowledged stop() throws Exception {
        stopping = true;
        work.get(90, TimeUnit.SECONDS);
        assertThat(work.isDone()).isTrue();
        return acknowledged;
    }

    @Override
    public void close() {
        stopping = true;
        thread.shutdownNow();
    }
}
