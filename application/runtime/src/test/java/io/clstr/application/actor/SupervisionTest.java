package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.actor.testkit.ActorTestKit;
import io.clstr.application.actor.testkit.RecordingActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failure containment and the three supervision strategies, with a manual clock. */
class SupervisionTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(400);

    sealed interface Command permits Add, Fail, Get {
    }

    record Add(int amount) implements Command {
    }

    record Fail(String why) implements Command {
    }

    record Get() implements Command {
    }

    static final class Tally {
        final int generation;
        int value;

        Tally(int generation) {
            this.generation = generation;
        }
    }

    private final RecordingActorMetrics metrics = new RecordingActorMetrics();
    private final ActorTestKit kit = ActorTestKit.create(metrics);
    private final AtomicInteger generations = new AtomicInteger();
    private final List<String> hooks = new ArrayList<>();

    @AfterEach
    void close() {
        kit.close();
    }

    private Behavior<Command> tally() {
        return Behaviors.withState(Command.class, ctx -> new Tally(generations.incrementAndGet()))
                .on(Add.class, (tally, ctx, msg) -> tally.value += msg.amount())
                .on(Fail.class, (tally, ctx, msg) -> {
                    throw new IllegalArgumentException(msg.why());
                })
                .on(Get.class, (tally, ctx, msg) -> tally.generation + ":" + tally.value)
                .preRestart((tally, ctx) -> hooks.add("preRestart " + tally.generation + ":" + tally.value))
                .postStop((tally, ctx) -> hooks.add("postStop " + tally.generation))
                .build();
    }

    private ActorRef<Command> spawn(SupervisionStrategy strategy) {
        return kit.system().spawn("tally", tally(), ActorOptions.defaults().withSupervision(strategy));
    }

    private static Object reply(ActorRef<Command> ref, Command command) {
        return ref.ask(command, TIMEOUT).toCompletableFuture().join();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        return future.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e).join();
    }

    @Test
    void a_throwing_handler_fails_only_its_own_ask_and_resume_keeps_the_state() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.resume());
        ref.tell(new Add(5));

        CompletableFuture<Object> failed = ref.ask(new Fail("bad input"), TIMEOUT).toCompletableFuture();

        assertThat(failureOf(failed)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        assertThat(reply(ref, new Add(1))).isEqualTo(6);
        assertThat(reply(ref, new Get())).isEqualTo("1:6");
        assertThat(metrics.handlerFailures("SupervisionTest.Fail")).isEqualTo(1);
        assertThat(metrics.failed("SupervisionTest.Fail")).isEqualTo(1);
        assertThat(metrics.handled("SupervisionTest.Add")).isEqualTo(2);
    }

    @Test
    void restart_recreates_the_state_after_a_backoff_while_messages_wait() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.restartWithBackoff(MIN, MAX));
        ref.tell(new Add(5));

        assertThat(failureOf(ref.ask(new Fail("boom"), TIMEOUT).toCompletableFuture())).hasMessage("boom");
        CompletableFuture<Object> waiting = ref.ask(new Get(), TIMEOUT).toCompletableFuture();
        kit.advance(MIN.minusNanos(1));
        assertThat(waiting).isNotDone();

        kit.advance(Duration.ofNanos(1));

        assertThat(waiting).isCompletedWithValue("2:0");
        assertThat(hooks).containsExactly("preRestart 1:5");
    }

    @Test
    void restart_backoff_doubles_up_to_its_cap() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.restartWithBackoff(MIN, MAX).withResetAfter(Duration.ofHours(1)));
        List<Duration> delays = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            ref.tell(new Fail("again"));
            delays.add(kit.scheduler().untilNext());
            kit.advance(delays.get(i));
        }

        assertThat(delays).containsExactly(MIN, MIN.multipliedBy(2), MAX, MAX, MAX);
        assertThat(reply(ref, new Get())).isEqualTo("6:0");
    }

    @Test
    void restart_backoff_resets_after_the_actor_ran_without_failing() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.restartWithBackoff(MIN, MAX).withResetAfter(Duration.ofSeconds(1)));
        ref.tell(new Fail("one"));
        kit.advance(MIN);
        ref.tell(new Fail("two"));
        assertThat(kit.scheduler().untilNext()).isEqualTo(MIN.multipliedBy(2));
        kit.advance(MIN.multipliedBy(2));

        kit.advance(Duration.ofSeconds(1));
        ref.tell(new Fail("after a calm second"));

        assertThat(kit.scheduler().untilNext()).isEqualTo(MIN);
    }

    @Test
    void a_failing_state_factory_is_retried_with_backoff() {
        AtomicInteger attempts = new AtomicInteger();
        Behavior<Command> flaky = Behaviors.withState(Command.class, ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return new Tally(attempts.get());
        }).on(Get.class, (tally, ctx, msg) -> "started on attempt " + tally.generation).build();
        ActorRef<Command> ref = kit.system().spawn("flaky", flaky,
                ActorOptions.defaults().withSupervision(SupervisionStrategy.restartWithBackoff(MIN, MAX)));
        CompletableFuture<Object> reply = ref.ask(new Get(), TIMEOUT).toCompletableFuture();

        kit.advance(MIN);
        assertThat(reply).isNotDone();
        kit.advance(MIN.multipliedBy(2));

        assertThat(reply).isCompletedWithValue("started on attempt 3");
    }

    @Test
    void stop_strategy_fails_the_ask_then_stops_the_actor() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.stop());
        kit.executor(); // actors run on the calling thread
        ref.pause();
        CompletableFuture<Object> failing = ref.ask(new Fail("fatal"), TIMEOUT).toCompletableFuture();
        CompletableFuture<Object> queued = ref.ask(new Get(), TIMEOUT).toCompletableFuture();

        ref.resume();

        assertThat(failureOf(failing)).isInstanceOf(IllegalArgumentException.class).hasMessage("fatal");
        assertThat(failureOf(queued)).isInstanceOf(ActorStoppedException.class).hasMessage("actor tally stopped");
        assertThat(ref.isTerminated()).isTrue();
        assertThat(hooks).containsExactly("postStop 1");
    }

    @Test
    void stopping_during_a_restart_backoff_terminates_without_waiting_for_it() {
        ActorRef<Command> ref = spawn(SupervisionStrategy.restartWithBackoff(MIN, MAX));
        ref.tell(new Fail("boom"));
        CompletableFuture<Object> waiting = ref.ask(new Get(), TIMEOUT).toCompletableFuture();

        ref.stop();

        assertThat(ref.isTerminated()).isTrue();
        assertThat(failureOf(waiting)).isInstanceOf(ActorStoppedException.class);
        assertThat(kit.scheduler().pending()).isZero();
        assertThatThrownBy(() -> ref.tell(new Get())).isInstanceOf(ActorStoppedException.class);
    }
}
