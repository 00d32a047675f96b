package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.actor.testkit.ActorTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graceful stop: hook, failed asks, refusal of later messages, release. */
class StopTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ActorTestKit kit = ActorTestKit.create();
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void close() {
        kit.close();
    }

    private ActorRef<String> spawn(String name) {
        Behavior<String> behavior = Behaviors.receive(String.class)
                .on(String.class, (ctx, msg) -> {
                    events.add("handled " + msg);
                    if (msg.equals("stop")) {
                        ctx.stop();
                        return "stopping";
                    }
                    return msg;
                })
                .postStop((state, ctx) -> events.add("postStop"))
                .build();
        return kit.system().spawn(name, behavior);
    }

    private CompletableFuture<Object> ask(ActorRef<String> ref, String message) {
        CompletableFuture<Object> reply = ref.ask(message, TIMEOUT).toCompletableFuture();
        reply.whenComplete((v, e) -> events.add(e == null ? "replied " + v : "failed " + e.getMessage()));
        return reply;
    }

    @Test
    void stopping_from_outside_runs_the_hook_then_fails_every_queued_ask() {
        ActorRef<String> ref = spawn("worker");
        ref.pause();
        ask(ref, "a");
        ask(ref, "b");

        ref.stop();

        assertThat(events).containsExactly("postStop", "failed actor worker stopped", "failed actor worker stopped");
        assertThat(ref.isTerminated()).isTrue();
        assertThat(ref.terminated()).isCompleted();
    }

    @Test
    void an_actor_stopping_itself_answers_the_current_message_and_fails_the_rest() {
        ActorRef<String> ref = spawn("self-stopper");
        ref.pause();
        ask(ref, "stop");
        ask(ref, "after");

        ref.resume();

        assertThat(events).containsExactly(
                "handled stop", "replied stopping", "postStop", "failed actor self-stopper stopped");
    }

    @Test
    void a_stopped_actor_refuses_tell_and_ask_with_the_same_error() {
        ActorRef<String> ref = spawn("gone");
        ref.stop();

        assertThatThrownBy(() -> ref.tell("x"))
                .isInstanceOf(ActorStoppedException.class).hasMessage("actor gone stopped");
        assertThat(ref.ask("y", TIMEOUT).toCompletableFuture().handle((v, e) -> e).join())
                .isInstanceOf(ActorStoppedException.class).hasMessage("actor gone stopped");
    }

    @Test
    void stopping_is_idempotent_and_frees_the_name() {
        ActorRef<String> ref = spawn("reused");
        ref.stop();
        ref.stop();

        assertThat(events).containsExactly("postStop");
        assertThat(kit.system().actorCount()).isZero();
        assertThat(kit.system().find("reused")).isEmpty();
        ActorRef<String> again = spawn("reused");
        assertThat(again.ask("hello", TIMEOUT).toCompletableFuture().join()).isEqualTo("hello");
    }

    @Test
    void closing_the_system_stops_every_actor() {
        ActorRef<String> first = spawn("first");
        ActorRef<String> second = spawn("second");
        first.pause();
        CompletableFuture<Object> pending = ask(first, "queued");

        assertThat(kit.system().close(TIMEOUT)).isTrue();

        assertThat(first.isTerminated()).isTrue();
        assertThat(second.isTerminated()).isTrue();
        assertThat(pending.handle((v, e) -> e).join()).isInstanceOf(ActorStoppedException.class);
        assertThatThrownBy(() -> spawn("late")).isInstanceOf(IllegalStateException.class);
    }
}
