package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating and stopping many actors leaves no registry entries, threads or reachable actors behind. */
class ActorLifecycleLeakTest {

    private static final int ACTORS = 100_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ActorSystem system = ActorSystem.builder("leak").parallelism(2).build();

    @AfterEach
    void close() {
        assertThat(system.close(TIMEOUT)).isTrue();
    }

    private static Behavior<String> withTimer() {
        return Behaviors.withState(String.class, ctx -> {
            ctx.timers().startPeriodicTimer("beat", "tick", Duration.ofMinutes(1));
            return new int[1];
        }).on(String.class, (count, ctx, msg) -> ++count[0]).build();
    }

    @Test
    void a_hundred_thousand_actors_created_and_stopped_leave_nothing_behind() {
        Behavior<String> behavior = withTimer();
        warmUp(behavior);
        int threadsBefore = Thread.activeCount();
        List<WeakReference<ActorRef<String>>> sample = new ArrayList<>();
        List<CompletableFuture<Void>> terminations = new ArrayList<>(ACTORS);

        for (int i = 0; i < ACTORS; i++) {
            ActorRef<String> ref = system.spawn("actor-" + i, behavior);
            ref.ask("hello", TIMEOUT); // leaves a cancelled timeout behind
            ref.stop();
            terminations.add(ref.terminated().toCompletableFuture());
            if (i % 1000 == 0) {
                sample.add(new WeakReference<>(ref));
            }
        }
        CompletableFuture.allOf(terminations.toArray(new CompletableFuture<?>[0])).join();
        terminations.clear();

        assertThat(system.actorCount()).isZero();
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
        await().atMost(TIMEOUT).until(() -> {
            System.gc();
            return sample.stream().allMatch(ref -> ref.get() == null);
        });
    }

    @Test
    void idle_actors_hold_no_thread() {
        warmUp(withTimer());
        int threadsBefore = Thread.activeCount();
        Behavior<String> idle = Behaviors.receive(String.class).on(String.class, (ctx, msg) -> msg).build();

        for (int i = 0; i < ACTORS; i++) {
            system.spawn("idle-" + i, idle);
        }

        assertThat(system.actorCount()).isEqualTo(ACTORS);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
    }

    /** Lets the pool start its threads so they are not mistaken for growth. */
    private void warmUp(Behavior<String> behavior) {
        List<ActorRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(system.spawn("warm-" + i, behavior));
        }
        for (ActorRef<String> ref : refs) {
            ref.ask("warm", TIMEOUT).toCompletableFuture().join();
            ref.stop();
            ref.terminated().toCompletableFuture().join();
        }
    }
}
