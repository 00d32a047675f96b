package io.clstr.adapters.memory;

import static io.clstr.ports.out.AsyncTesting.awaitQuietly;
import static io.clstr.ports.out.AsyncTesting.eventually;
import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.EventStoreContract;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest extends EventStoreContract {

    private static final StreamId STREAM = StreamId.of("order", "o-1");

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }

    @Test
    void stamps_commits_with_the_injected_clock() {
        Instant now = Instant.parse("2026-05-06T07:08:09.123Z");
        InMemoryEventStore store = new InMemoryEventStore(Clock.fixed(now, ZoneOffset.UTC));

        join(store.append(STREAM, ExpectedVersion.noStream(), List.of(event("a"), event("b"))));

        assertThat(join(store.readStream(STREAM, 1))).extracting(RecordedEvent::recordedAt).containsOnly(now);
    }

    @Test
    void keeps_event_data_when_the_caller_reuses_its_buffer() {
        InMemoryEventStore store = new InMemoryEventStore();
        byte[] buffer = "original".getBytes(UTF_8);

        join(store.append(STREAM, ExpectedVersion.noStream(), List.of(new EventData("t.v1", buffer))));
        buffer[0] = 'X';

        assertThat(new String(join(store.readStream(STREAM, 1)).get(0).data(), UTF_8)).isEqualTo("original");
    }

    @Test
    void completes_appends_before_returning() {
        InMemoryEventStore store = new InMemoryEventStore();

        CompletableFuture<AppendResult> appended =
                store.append(STREAM, ExpectedVersion.noStream(), List.of(event("a"))).toCompletableFuture();
        CompletableFuture<AppendResult> conflicting =
                store.append(STREAM, ExpectedVersion.noStream(), List.of(event("b"))).toCompletableFuture();

        assertThat(appended).isCompletedWithValue(new AppendResult(1, 1));
        assertThat(conflicting).isCompletedExceptionally();
    }

    @Test
    void returns_reads_that_cannot_be_modified() {
        InMemoryEventStore store = new InMemoryEventStore();
        join(store.append(STREAM, ExpectedVersion.noStream(), List.of(event("a"))));

        List<RecordedEvent> events = join(store.readStream(STREAM, 1));
        List<RecordedCommit> commits = join(store.readAll(0, 10, EventFilter.all()));

        assertThatThrownBy(() -> events.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> commits.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> commits.get(0).events().remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recognises_retries_among_the_last_commits_of_a_stream_only() {
        InMemoryEventStore store = new InMemoryEventStore();
        List<AppendResult> results = new ArrayList<>();
        int commits = InMemoryEventStore.COMMIT_ID_WINDOW + 1;
        for (int i = 0; i < commits; i++) {
            results.add(join(store.append(STREAM, ExpectedVersion.exactly(i), List.of(event("e" + i)), "commit-" + i)));
        }

        AppendResult oldestRemembered =
                join(store.append(STREAM, ExpectedVersion.exactly(1), List.of(event("e1")), "commit-1"));
        Throwable forgotten =
                failureOf(store.append(STREAM, ExpectedVersion.noStream(), List.of(event("e0")), "commit-0"));

        assertThat(oldestRemembered).isEqualTo(results.get(1));
        assertThat(forgotten).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(join(store.readStream(STREAM, 1))).hasSize(commits);
    }

    @Test
    void runs_each_subscription_on_a_named_daemon_thread_that_ends_with_close() {
        InMemoryEventStore store = new InMemoryEventStore();
        AtomicReference<Thread> deliveringThread = new AtomicReference<>();
        Subscription subscription = store.subscribe(0, EventFilter.all(), new CommitListener() {
            @Override
            public void onCommit(RecordedCommit commit) {
            }

            @Override
            public void onLive() {
                deliveringThread.set(Thread.currentThread());
            }
        });
        eventually().untilAsserted(() -> assertThat(deliveringThread.get()).isNotNull());

        assertThat(deliveringThread.get().getName()).startsWith("clstr-memory-feed-");
        assertThat(deliveringThread.get().isDaemon()).isTrue();
        assertThat(store.runningSubscriptions()).isEqualTo(1);

        subscription.close();

        eventually().untilAsserted(() -> assertThat(deliveringThread.get().isAlive()).isFalse());
        assertThat(store.runningSubscriptions()).isZero();
        assertThat(subscription.pending()).isZero();
    }

    @Test
    void ends_the_subscription_thread_when_the_listener_fails() {
        InMemoryEventStore store = new InMemoryEventStore();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        store.subscribe(0, EventFilter.all(), new CommitListener() {
            @Override
            public void onCommit(RecordedCommit commit) {
                throw new IllegalStateException("listener failed on purpose");
            }

            @Override
            public void onError(Throwable error) {
                reported.set(error);
            }
        });

        join(store.append(STREAM, ExpectedVersion.noStream(), List.of(event("a"))));

        eventually().untilAsserted(() -> assertThat(store.runningSubscriptions()).isZero());
        assertThat(reported.get()).hasMessage("listener failed on purpose");
    }

    @Test
    void close_from_another_thread_waits_for_the_running_listener_call() throws Exception {
        InMemoryEventStore store = new InMemoryEventStore();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Subscription subscription = store.subscribe(0, EventFilter.all(), commit -> {
            delivered.add(commit.position());
            inListener.countDown();
            awaitQuietly(release);
        });
        join(store.append(STREAM, ExpectedVersion.noStream(), List.of(event("a"))));
        join(store.append(STREAM, ExpectedVersion.exactly(1), List.of(event("b"))));
        awaitQuietly(inListener);

        Thread closer = new Thread(subscription::close, "closer");
        closer.start();
        eventually().untilAsserted(() -> assertThat(closer.getState()).isEqualTo(Thread.State.WAITING));
        assertThat(closer.isAlive()).isTrue();
        release.countDown();
        closer.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(delivered).containsExactly(1L);
        eventually().untilAsserted(() -> assertThat(store.runningSubscriptions()).isZero());
        assertThat(delivered).containsExactly(1L);
    }

    @Test
    void counts_commits_not_yet_read_as_pending() {
        InMemoryEventStore store = new InMemoryEventStore();
        CountDownLatch release = new CountDownLatch(1);
        Subscription subscription = store.subscribe(0, EventFilter.all(), commit -> awaitQuietly(release));
        try {
            for (int i = 0; i < 5; i++) {
                join(store.append(STREAM, ExpectedVersion.exactly(i), List.of(event("e" + i))));
            }
            // The first commit is in the listener; the other four wait behind it.
            eventually().untilAsserted(() -> assertThat(subscription.pending()).isEqualTo(5));
        } finally {
            release.countDown();
        }
        eventually().untilAsserted(() -> assertThat(subscription.pending()).isZero());
        subscription.close();
    }

    @Test
    void rejects_negative_positions_and_empty_pages() {
        InMemoryEventStore store = new InMemoryEventStore();

        assertThatThrownBy(() -> store.readAll(-1, 10, EventFilter.all())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readAll(0, 0, EventFilter.all())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.subscribe(-1, EventFilter.all(), commit -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EventData event(String body) {
        return new EventData("test.happened.v1", body.getBytes(UTF_8));
    }
}
