package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tell, ask and handler dispatch on a real multi-threaded system. */
class TellAndAskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    sealed interface Command permits Increment, Get, Record, Report, Slow, Complete, Unknown, Lookup {
    }

    record Increment(int amount) implements Command {
    }

    record Get() implements Command {
    }

    record Record(int sender, int sequence) implements Command {
    }

    record Report() implements Command {
    }

    record Slow(String id) implements Command {
    }

    record Complete(String id, String value) implements Command {
    }

    record Unknown() implements Command {
    }

    sealed interface Lookup extends Command permits ById, ByName {
    }

    record ById(int id) implements Lookup {
    }

    record ByName(String name) implements Lookup {
    }

    private final ActorSystem system = ActorSystem.builder("tell-ask").parallelism(2).build();

    @AfterEach
    void close() {
        assertThat(system.close(TIMEOUT)).isTrue();
    }

    static final class Tally {
        int value;
    }

    private static Behavior<Command> counter() {
        return Behaviors.withState(Command.class, ctx -> new Tally())
                .on(Increment.class, (tally, ctx, msg) -> tally.value += msg.amount())
                .on(Get.class, (tally, ctx, msg) -> tally.value)
                .build();
    }

    @Test
    void replies_to_an_ask_with_the_handler_return_value() {
        ActorRef<Command> ref = system.spawn("counter", counter());

        ref.tell(new Increment(2));
        ref.tell(new Increment(3));

        assertThat(ref.<Integer>ask(new Get(), TIMEOUT).toCompletableFuture().join()).isEqualTo(5);
        assertThat(ref.<Integer>ask(new Increment(1), TIMEOUT).toCompletableFuture().join()).isEqualTo(6);
    }

    @Test
    void keeps_each_senders_order_under_concurrent_senders() throws Exception {
        int senders = 4;
        int perSender = 20_000;
        Behavior<Command> checker = Behaviors.withState(Command.class, ctx -> new HashMap<Integer, Integer>())
                .on(Record.class, (last, ctx, msg) -> {
                    int previous = last.getOrDefault(msg.sender(), -1);
                    if (msg.sequence() != previous + 1) {
                        throw new IllegalStateException("sender " + msg.sender() + " jumped from "
                                + previous + " to " + msg.sequence());
                    }
                    return last.put(msg.sender(), msg.sequence());
                })
                .on(Report.class, (last, ctx, msg) -> new HashMap<>(last))
                .build();
        ActorRef<Command> ref = system.spawn("checker", checker,
                ActorOptions.defaults().withMailboxCapacity(senders * perSender));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perSender; i++) {
                    ref.tell(new Record(sender, i));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TIMEOUT.toMillis());
        }

        Map<Integer, Integer> last = ref.<Map<Integer, Integer>>ask(new Report(), TIMEOUT).toCompletableFuture().join();

        assertThat(last).containsOnlyKeys(0, 1, 2, 3).allSatisfy((sender, seq) -> assertThat(seq).isEqualTo(perSender - 1));
    }

    @Test
    void completes_an_ask_when_the_returned_stage_completes_later() {
        Map<String, CompletableFuture<String>> pending = new HashMap<>();
        Behavior<Command> deferred = Behaviors.receive(Command.class)
                .on(Slow.class, (ctx, msg) -> pending.computeIfAbsent(msg.id(), id -> new CompletableFuture<>()))
                .on(Complete.class, (ctx, msg) -> pending.remove(msg.id()).complete(msg.value()))
                .build();
        ActorRef<Command> ref = system.spawn("deferred", deferred);

        CompletionStage<String> first = ref.ask(new Slow("a"), TIMEOUT);
        CompletionStage<String> second = ref.ask(new Slow("b"), TIMEOUT);
        ref.tell(new Complete("b", "second"));
        ref.tell(new Complete("a", "first"));

        assertThat(first.toCompletableFuture().join()).isEqualTo("first");
        assertThat(second.toCompletableFuture().join()).isEqualTo("second");
    }

    @Test
    void fails_an_ask_when_the_returned_stage_fails() {
        Behavior<Command> failing = Behaviors.receive(Command.class)
                .on(Slow.class, (ctx, msg) -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("store unavailable");
                }))
                .build();
        ActorRef<Command> ref = system.spawn("failing-later", failing);

        CompletableFuture<Object> reply = ref.ask(new Slow("x"), TIMEOUT).toCompletableFuture();

        assertThatThrownBy(reply::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("store unavailable");
    }

    @Test
    void an_actor_can_tell_itself_from_another_thread() {
        Map<String, CompletableFuture<String>> waiting = new HashMap<>();
        Behavior<Command> async = Behaviors.receive(Command.class)
                .on(Slow.class, (ctx, msg) -> {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    waiting.put(msg.id(), reply);
                    ActorRef<Command> self = ctx.self();
                    CompletableFuture.runAsync(() -> self.tell(new Complete(msg.id(), "done " + msg.id())),
                            CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
                    return reply;
                })
                .on(Complete.class, (ctx, msg) -> waiting.remove(msg.id()).complete(msg.value()))
                .build();
        ActorRef<Command> ref = system.spawn("async", async);

        assertThat(ref.<String>ask(new Slow("7"), TIMEOUT).toCompletableFuture().join()).isEqualTo("done 7");
    }

    @Test
    void fails_an_ask_for_a_message_without_handler_with_a_typed_error() {
        ActorRef<Command> ref = system.spawn("counter", counter());

        CompletableFuture<Object> reply = ref.ask(new Unknown(), TIMEOUT).toCompletableFuture();

        assertThatThrownBy(reply::join).cause().isInstanceOf(UnhandledMessageException.class)
                .hasMessage("actor counter has no handler for TellAndAskTest.Unknown");
        assertThat(ref.<Integer>ask(new Get(), TIMEOUT).toCompletableFuture().join()).isZero();
    }

    @Test
    void routes_a_message_to_the_most_specific_handler_whatever_the_registration_order() {
        Behavior<Command> lookup = Behaviors.receive(Command.class)
                .on(Lookup.class, (ctx, msg) -> "any lookup")
                .on(ById.class, (ctx, msg) -> "by id " + msg.id())
                .otherwise((ctx, msg) -> "default for " + msg.getClass().getSimpleName())
                .build();
        ActorRef<Command> ref = system.spawn("lookup", lookup);

        assertThat(ref.<String>ask(new ById(4), TIMEOUT).toCompletableFuture().join()).isEqualTo("by id 4");
        assertThat(ref.<String>ask(new ByName("x"), TIMEOUT).toCompletableFuture().join()).isEqualTo("any lookup");
        assertThat(ref.<String>ask(new Get(), TIMEOUT).toCompletableFuture().join()).isEqualTo("default for Get");
    }

    @Test
    void an_ask_needs_a_positive_timeout() {
        ActorRef<Command> ref = system.spawn("counter", counter());

        assertThatThrownBy(() -> ref.ask(new Get(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ref.ask(new Get(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ref.ask(new Get(), Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registers_actors_by_unique_name() {
        ActorRef<Command> ref = system.spawn("unique", counter());

        assertThat(system.find("unique")).containsSame(ref);
        assertThat(system.actorCount()).isEqualTo(1);
        assertThatThrownBy(() -> system.spawn("unique", counter()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unique");
    }

    @Test
    void refuses_to_register_the_same_type_twice() {
        Behaviors.Builder<Command, Void> builder = Behaviors.receive(Command.class).on(Get.class, (ctx, msg) -> 1);

        assertThatThrownBy(() -> builder.on(Get.class, (ctx, msg) -> 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ten_thousand_actors_share_the_two_executor_threads() {
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ActorRef<Command> ref = system.spawn("c-" + i, counter());
            replies.add(ref.<Integer>ask(new Increment(i), TIMEOUT).toCompletableFuture());
        }

        await().atMost(TIMEOUT).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        assertThat(replies.get(9_999).join()).isEqualTo(9_999);
        long actorThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("clstr-actor-tell-ask-"))
                .count();
        assertThat(actorThreads).isBetween(1L, 2L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
