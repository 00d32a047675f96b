package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.actor.testkit.ActorTestKit;
import io.clstr.application.actor.testkit.RecordingActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded mailboxes, depth metrics, pause/resume and the throughput batch, run deterministically. */
class MailboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RecordingActorMetrics metrics = new RecordingActorMetrics();
    private final ActorTestKit kit = ActorTestKit.manual(metrics);
    private final List<String> handled = new ArrayList<>();

    @AfterEach
    void close() {
        kit.close();
    }

    private Behavior<String> recorder(String prefix) {
        return Behaviors.receive(String.class).on(String.class, (ctx, msg) -> {
            handled.add(prefix + msg);
            return msg;
        }).build();
    }

    @Test
    void refuses_tell_and_ask_on_a_full_mailbox_with_a_typed_error_and_counts_it() {
        ActorRef<String> ref = kit.system().spawn("small", recorder(""),
                ActorOptions.defaults().withGroup("entity-test").withMailboxCapacity(2));
        ref.tell("a");
        ref.tell("b");

        assertThatThrownBy(() -> ref.tell("c"))
                .isInstanceOf(MailboxFullException.class)
                .hasMessage("mailbox of actor small is full (capacity 2)");
        CompletableFuture<Object> refusedAsk = ref.ask("d", TIMEOUT).toCompletableFuture();
        assertThat(refusedAsk).isCompletedExceptionally();
        assertThat(refusedAsk.handle((v, e) -> e).join()).isInstanceOf(MailboxFullException.class);
        assertThat(metrics.mailboxRejections("entity-test")).isEqualTo(2);

        kit.drain();

        assertThat(handled).containsExactly("a", "b");
        ref.tell("e"); // room again once handled
        kit.drain();
        assertThat(handled).containsExactly("a", "b", "e");
    }

    @Test
    void completions_of_the_actors_own_work_are_delivered_even_when_the_mailbox_is_full() {
        List<Completions<String>> completions = new ArrayList<>();
        ActorRef<String> ref = kit.system().spawn("worker", Behaviors.receive(String.class).on(String.class, (ctx, msg) -> {
            if (msg.equals("start")) {
                completions.add(ctx.completions());
            }
            handled.add(msg);
            return msg;
        }).build(), ActorOptions.defaults().withMailboxCapacity(2));
        ref.tell("start");
        kit.drain();
        ref.tell("a");
        ref.tell("b");
        assertThatThrownBy(() -> ref.tell("c")).isInstanceOf(MailboxFullException.class);

        assertThat(completions.get(0).deliver("done")).isTrue();
        kit.drain();

        assertThat(handled).containsExactly("start", "a", "b", "done");
        ref.stop();
        kit.drain();
        assertThat(completions.get(0).deliver("too late")).isFalse();
    }

    @Test
    void reports_mailbox_depth_per_group_not_per_actor() {
        ActorOptions orders = ActorOptions.defaults().withGroup("entity-order");
        ActorRef<String> first = kit.system().spawn("order-1", recorder(""), orders);
        ActorRef<String> second = kit.system().spawn("order-2", recorder(""), orders);
        ActorRef<String> other = kit.system().spawn("other", recorder(""), ActorOptions.defaults().withGroup("other"));

        first.tell("x");
        first.tell("y");
        second.tell("z");
        other.tell("w");

        assertThat(metrics.mailboxDepth("entity-order")).isEqualTo(3);
        assertThat(metrics.mailboxDepth("other")).isEqualTo(1);
        kit.drain();
        assertThat(metrics.mailboxDepth("entity-order")).isZero();
    }

    @Test
    void a_paused_actor_queues_messages_up_to_capacity_and_handles_them_in_order_on_resume() {
        ActorRef<String> ref = kit.system().spawn("paused", recorder(""),
                ActorOptions.defaults().withMailboxCapacity(3));
        kit.drain();
        ref.pause();

        ref.tell("1");
        ref.tell("2");
        CompletableFuture<Object> third = ref.ask("3", TIMEOUT).toCompletableFuture();
        assertThatThrownBy(() -> ref.tell("4")).isInstanceOf(MailboxFullException.class);
        kit.drain();
        assertThat(handled).isEmpty();
        assertThat(third).isNotDone();

        ref.resume();
        kit.drain();

        assertThat(handled).containsExactly("1", "2", "3");
        assertThat(third).isCompletedWithValue("3");
    }

    @Test
    void yields_the_thread_after_its_throughput_batch() {
        ActorOptions batchOfTwo = ActorOptions.defaults().withThroughput(2);
        ActorRef<String> a = kit.system().spawn("a", recorder("a"), batchOfTwo);
        ActorRef<String> b = kit.system().spawn("b", recorder("b"), batchOfTwo);
        kit.drain();

        for (int i = 1; i <= 5; i++) {
            a.tell(String.valueOf(i));
            b.tell(String.valueOf(i));
        }
        kit.drain();

        assertThat(handled).containsExactly("a1", "a2", "b1", "b2", "a3", "a4", "b3", "b4", "a5", "b5");
    }
}
