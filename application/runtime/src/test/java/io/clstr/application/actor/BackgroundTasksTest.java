package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.testkit.RecordingActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final RecordingActorMetrics metrics = new RecordingActorMetrics();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private String blocking() throws InterruptedException {
        release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return "done";
    }

    @Test
    void runs_at_most_the_concurrency_limit_queues_the_rest_and_refuses_beyond_the_queue() {
        BackgroundTasks tasks = new BackgroundTasks("snapshots", pool, 2, 3, metrics);
        List<CompletableFuture<String>> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(tasks.submit(this::blocking).toCompletableFuture());
        }

        CompletableFuture<String> refused = tasks.submit(this::blocking).toCompletableFuture();

        assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(TaskRejectedException.class)
                .hasMessageContaining("snapshots");
        assertThat(tasks.running()).isEqualTo(2);
        assertThat(tasks.queued()).isEqualTo(3);
        assertThat(metrics.inflight("snapshots")).isEqualTo(2);

        release.countDown();

        assertThat(CompletableFuture.allOf(accepted.toArray(new CompletableFuture<?>[0])))
                .succeedsWithin(TIMEOUT);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(metrics.tasksSucceeded()).isEqualTo(5);
            assertThat(tasks.running()).isZero();
        });
    }

    @Test
    void never_runs_more_than_the_limit_at_once() {
        BackgroundTasks tasks = new BackgroundTasks("bounded", pool, 3, 1_000, metrics);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<CompletableFuture<Integer>> all = new ArrayList<>();

        for (int i = 0; i < 500; i++) {
            all.add(tasks.submit(() -> {
                peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                return now.decrementAndGet();
            }).toCompletableFuture());
        }

        assertThat(CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))).succeedsWithin(TIMEOUT);
        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void a_failing_task_fails_its_stage_and_counts_as_failed() {
        BackgroundTasks tasks = new BackgroundTasks("failing", pool, 1, 1, metrics);

        CompletableFuture<Object> failed = tasks.submit(() -> {
            throw new IllegalStateException("disk full");
        }).toCompletableFuture();

        assertThat(failed.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        await().atMost(TIMEOUT).until(() -> metrics.tasksFailed() == 1);
        assertThat(tasks.submit(() -> "still works").toCompletableFuture().join()).isEqualTo("still works");
    }

    @Test
    void close_cancels_waiting_tasks_and_waits_for_running_ones() {
        BackgroundTasks tasks = new BackgroundTasks("closing", pool, 1, 5, metrics);
        CompletableFuture<String> running = tasks.submit(this::blocking).toCompletableFuture();
        CompletableFuture<String> waiting = tasks.submit(this::blocking).toCompletableFuture();

        assertThat(tasks.close(Duration.ofMillis(50))).isFalse();
        assertThat(waiting.handle((v, e) -> e).join()).isInstanceOf(CancellationException.class);
        assertThat(tasks.submit(() -> "late").toCompletableFuture().handle((v, e) -> e).join())
                .isInstanceOf(TaskRejectedException.class);

        release.countDown();

        assertThat(tasks.close(TIMEOUT)).isTrue();
        assertThat(running).isCompletedWithValue("done");
    }
}
