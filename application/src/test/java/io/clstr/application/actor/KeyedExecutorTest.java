package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runs_the_tasks_of_a_key_one_at_a_time_in_submission_order() {
        KeyedExecutor executor = new KeyedExecutor(pool, 10_000);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrentPerKey = new AtomicInteger();
        List<CompletableFuture<Integer>> last = new ArrayList<>();

        for (int i = 0; i < 5_000; i++) {
            for (String key : List.of("a", "b", "c")) {
                int sequence = i;
                CompletableFuture<Integer> done = executor.submit(key, () -> {
                    if (key.equals("a")) {
                        maxConcurrentPerKey.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    }
                    seen.computeIfAbsent(key, k -> new ArrayList<>()).add(sequence);
                    if (key.equals("a")) {
                        concurrent.decrementAndGet();
                    }
                    return sequence;
                }).toCompletableFuture();
                if (i == 4_999) {
                    last.add(done);
                }
            }
        }
        CompletableFuture.allOf(last.toArray(new CompletableFuture<?>[0])).join();

        for (String key : List.of("a", "b", "c")) {
            assertThat(seen.get(key)).hasSize(5_000).isSorted();
        }
        assertThat(maxConcurrentPerKey).hasValue(1);
    }

    @Test
    void runs_different_keys_in_parallel() throws Exception {
        KeyedExecutor executor = new KeyedExecutor(pool, 10);
        CountDownLatch bRan = new CountDownLatch(1);

        CompletableFuture<Boolean> a = executor.submit("a", () -> bRan.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .toCompletableFuture();
        executor.execute("b", bRan::countDown);

        assertThat(a.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refuses_a_task_when_its_key_queue_is_full_but_not_other_keys() throws Exception {
        KeyedExecutor executor = new KeyedExecutor(pool, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        executor.execute("busy", () -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            executor.execute("busy", () -> { });
        }

        assertThatThrownBy(() -> executor.execute("busy", () -> { })).isInstanceOf(TaskRejectedException.class);
        assertThat(executor.submit("busy", () -> 1).toCompletableFuture().handle((v, e) -> e).join())
                .isInstanceOf(TaskRejectedException.class);
        assertThat(executor.submit("free", () -> 1).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(1);
        release.countDown();
    }

    @Test
    void a_failing_task_fails_its_stage_and_the_key_goes_on() {
        KeyedExecutor executor = new KeyedExecutor(pool, 10);

        CompletableFuture<Object> failed = executor.submit("k", () -> {
            throw new IllegalStateException("nope");
        }).toCompletableFuture();
        executor.execute("k", () -> {
            throw new IllegalStateException("logged and contained");
        });
        CompletableFuture<String> next = executor.submit("k", () -> "next").toCompletableFuture();

        assertThat(next.join()).isEqualTo("next");
        assertThat(failed.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class).hasMessage("nope");
    }

    @Test
    void idle_keys_release_their_queues() {
        KeyedExecutor executor = new KeyedExecutor(pool, 4);
        AtomicInteger ran = new AtomicInteger();

        for (int i = 0; i < 100_000; i++) {
            executor.execute("key-" + i, ran::incrementAndGet);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(ran).hasValue(100_000);
            assertThat(executor.activeKeys()).isZero();
        });
    }

    @Test
    void keys_coming_back_after_retiring_still_run_in_order() {
        KeyedExecutor executor = new KeyedExecutor(pool, 1_000);
        List<Integer> seen = new ArrayList<>();
        List<CompletableFuture<Boolean>> all = new ArrayList<>();

        for (int i = 0; i < 2_000; i++) {
            int sequence = i;
            all.add(executor.submit("flappy", () -> seen.add(sequence)).toCompletableFuture());
            if (i % 10 == 0) {
                all.get(i).join(); // let the key drain and retire now and then
            }
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();

        assertThat(seen).hasSize(2_000).isSorted();
    }

    @Test
    void concurrent_submitters_keep_their_order_per_key_while_keys_retire_and_return() throws Exception {
        KeyedExecutor executor = new KeyedExecutor(pool, 100_000);
        int submitters = 4;
        int perSubmitter = 20_000;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger ran = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            int submitter = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perSubmitter; i++) {
                    int sequence = i;
                    String key = "key-" + (i % 8);
                    executor.execute(key, () -> {
                        seen.computeIfAbsent(key + "/" + submitter, k -> new ArrayList<>()).add(sequence);
                        ran.incrementAndGet();
                    });
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(TIMEOUT.toMillis());
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(ran).hasValue(submitters * perSubmitter);
            assertThat(executor.activeKeys()).isZero();
        });
        assertThat(seen).hasSize(8 * submitters).allSatisfy((keyAndSubmitter, sequences) ->
                assertThat(sequences).hasSize(perSubmitter / 8).isSorted());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
