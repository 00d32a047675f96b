package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.application.actor.testkit.ActorTestKit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ask timeouts on a manual clock. */
class AskTimeoutTest {

    private final ActorTestKit kit = ActorTestKit.create();

    @AfterEach
    void close() {
        kit.close();
    }

    private ActorRef<String> echo() {
        return kit.system().spawn("echo", Behaviors.receive(String.class)
                .on(String.class, (ctx, msg) -> msg.equals("never") ? new CompletableFuture<String>() : msg)
                .build());
    }

    @Test
    void an_unanswered_ask_fails_with_a_typed_timeout_when_its_time_is_up() {
        ActorRef<String> ref = echo();
        ref.pause();
        CompletableFuture<String> reply = ref.<String>ask("hello", Duration.ofSeconds(2)).toCompletableFuture();

        kit.advance(Duration.ofMillis(1999));
        assertThat(reply).isNotDone();
        kit.advance(Duration.ofMillis(1));

        assertThat(reply).isCompletedExceptionally();
        assertThat(reply.handle((v, e) -> e).join())
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("ask String to actor echo timed out after 2000 ms");
    }

    @Test
    void a_handler_that_never_replies_cannot_leave_the_caller_hanging() {
        ActorRef<String> ref = echo();
        CompletableFuture<String> reply = ref.<String>ask("never", Duration.ofSeconds(1)).toCompletableFuture();

        kit.advance(Duration.ofSeconds(1));

        assertThat(reply.handle((v, e) -> e).join()).isInstanceOf(AskTimeoutException.class);
    }

    @Test
    void an_answered_ask_cancels_its_timeout() {
        ActorRef<String> ref = echo();

        CompletableFuture<String> reply = ref.<String>ask("hi", Duration.ofSeconds(1)).toCompletableFuture();

        assertThat(reply).isCompletedWithValue("hi");
        assertThat(kit.scheduler().pending()).isZero();
        kit.advance(Duration.ofSeconds(2));
        assertThat(reply).isCompletedWithValue("hi");
    }

    @Test
    void a_late_reply_after_the_timeout_changes_nothing() {
        ActorRef<String> ref = echo();
        ref.pause();
        CompletableFuture<String> reply = ref.<String>ask("late", Duration.ofSeconds(1)).toCompletableFuture();
        kit.advance(Duration.ofSeconds(1));

        ref.resume();

        assertThat(reply.handle((v, e) -> e).join()).isInstanceOf(AskTimeoutException.class);
    }
}
