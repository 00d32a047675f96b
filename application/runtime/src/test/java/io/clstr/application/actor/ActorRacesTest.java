package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.StageFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lifecycle operations racing with senders on a real multi-threaded system. */
class ActorRacesTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem system = ActorSystem.builder("races").parallelism(2).build();

    @AfterEach
    void close() {
        assertThat(system.close(TIMEOUT)).isTrue();
    }

    private static Behavior<Integer> summing() {
        return Behaviors.withState(Integer.class, ctx -> new long[1])
                .on(Integer.class, (sum, ctx, msg) -> sum[0] += msg)
                .build();
    }

    @Test
    void every_ask_is_answered_or_refused_when_the_actor_stops_under_load() throws Exception {
        ActorRef<Integer> ref = system.spawn("target", summing(),
                ActorOptions.defaults().withMailboxCapacity(100_000));
        ConcurrentLinkedQueue<CompletableFuture<Object>> replies = new ConcurrentLinkedQueue<>();
        CountDownLatch halfway = new CountDownLatch(4);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    replies.add(ref.ask(1, LONG).toCompletableFuture());
                    if (i == 2_500) {
                        halfway.countDown();
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }

        assertThat(halfway.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ref.stop();
        for (Thread sender : senders) {
            sender.join(TIMEOUT.toMillis());
        }

        // The timeouts are minutes away: completing now proves that stop itself failed the queued asks.
        CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]));
        assertThat(all.handle((v, e) -> null)).succeedsWithin(TIMEOUT);
        assertThat(replies).hasSize(20_000).allSatisfy(reply -> {
            Object outcome = reply.handle((v, e) -> e == null ? v : StageFailures.causeOf(e)).join();
            if (outcome instanceof Throwable) {
                assertThat((Throwable) outcome).isInstanceOf(ActorStoppedException.class);
            } else {
                assertThat(outcome).isInstanceOf(Long.class);
            }
        });
        assertThat(ref.isTerminated()).isTrue();
    }

    @Test
    void pausing_and_resuming_while_senders_tell_loses_no_message() throws Exception {
        ActorRef<Integer> ref = system.spawn("toggled", summing(),
                ActorOptions.defaults().withMailboxCapacity(100_000));
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread toggler = new Thread(() -> {
            while (sending.get()) {
                ref.pause();
                Thread.yield();
                ref.resume();
            }
        });
        toggler.start();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    ref.tell(1);
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join(TIMEOUT.toMillis());
        }
        sending.set(false);
        toggler.join(TIMEOUT.toMillis());
        ref.resume();

        assertThat(ref.ask(0, TIMEOUT).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(40_000L);
    }

    @Test
    void an_actor_whose_executor_refuses_it_stops_instead_of_leaving_callers_hanging() {
        AtomicBoolean open = new AtomicBoolean(true);
        try (ActorSystem gated = ActorSystem.builder("gated").executor(task -> {
            if (!open.get()) {
                throw new RejectedExecutionException("executor shut down");
            }
            task.run();
        }).build()) {
            ActorRef<Integer> ref = gated.spawn("victim", summing());
            assertThat(ref.ask(2, TIMEOUT).toCompletableFuture().join()).isEqualTo(2L);

            open.set(false);
            CompletableFuture<Object> reply = ref.ask(3, LONG).toCompletableFuture();

            assertThat(reply.handle((v, e) -> StageFailures.causeOf(e)).join())
                    .isInstanceOf(ActorStoppedException.class);
            assertThat(ref.isTerminated()).isTrue();
            assertThat(gated.actorCount()).isZero();
        }
    }
}
