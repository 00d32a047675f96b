package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.application.actor.testkit.ActorTestKit;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers deliver through the mailbox, keyed by name, on a manual clock. */
class TimersTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    sealed interface Command permits StartSingle, StartPeriodic, Cancel, Tick, Work, Stop {
    }

    record StartSingle(String key, String label, Duration delay) implements Command {
    }

    record StartPeriodic(String key, String label, Duration interval) implements Command {
    }

    record Cancel(String key) implements Command {
    }

    record Tick(String label) implements Command {
    }

    record Work(String label) implements Command {
    }

    record Stop() implements Command {
    }

    private final ActorTestKit kit = ActorTestKit.create();
    private final List<String> handled = new ArrayList<>();
    private ActorRef<Command> ref;

    @AfterEach
    void close() {
        kit.close();
    }

    private ActorRef<Command> spawn(ActorTestKit testKit) {
        Behavior<Command> behavior = Behaviors.receive(Command.class)
                .on(StartSingle.class, (ctx, msg) -> {
                    ctx.timers().startSingleTimer(msg.key(), new Tick(msg.label()), msg.delay());
                    return null;
                })
                .on(StartPeriodic.class, (ctx, msg) -> {
                    ctx.timers().startPeriodicTimer(msg.key(), new Tick(msg.label()), msg.interval());
                    return null;
                })
                .on(Cancel.class, (ctx, msg) -> {
                    ctx.timers().cancel(msg.key());
                    return ctx.timers().isActive(msg.key());
                })
                .on(Tick.class, (ctx, msg) -> handled.add("tick " + msg.label()))
                .on(Work.class, (ctx, msg) -> handled.add("work " + msg.label()))
                .on(Stop.class, (ctx, msg) -> {
                    ctx.stop();
                    return null;
                })
                .build();
        return testKit.system().spawn("timed", behavior);
    }

    @Test
    void a_single_timer_delivers_its_message_once_through_the_mailbox() {
        ref = spawn(kit);
        ref.tell(new StartSingle("once", "a", SECOND));

        kit.advance(SECOND.minusMillis(1));
        assertThat(handled).isEmpty();
        kit.advance(Duration.ofMillis(1));
        kit.advance(SECOND.multipliedBy(10));

        assertThat(handled).containsExactly("tick a");
    }

    @Test
    void a_periodic_timer_delivers_every_interval_between_other_messages() {
        ref = spawn(kit);
        ref.tell(new StartPeriodic("beat", "p", SECOND));

        kit.advance(SECOND);
        ref.tell(new Work("1"));
        kit.advance(SECOND);
        kit.advance(SECOND);
        ref.tell(new Work("2"));

        assertThat(handled).containsExactly("tick p", "work 1", "tick p", "tick p", "work 2");
    }

    @Test
    void starting_a_timer_under_a_used_key_replaces_it() {
        ref = spawn(kit);
        ref.tell(new StartSingle("k", "old", SECOND));
        ref.tell(new StartSingle("k", "new", SECOND.multipliedBy(2)));

        kit.advance(SECOND.multipliedBy(3));

        assertThat(handled).containsExactly("tick new");
    }

    @Test
    void a_cancelled_timer_never_delivers_even_when_its_tick_is_already_queued() {
        try (ActorTestKit manual = ActorTestKit.manual(ActorMetrics.NOOP)) {
            ref = spawn(manual);
            ref.tell(new StartPeriodic("beat", "p", SECOND));
            manual.drain();
            ref.tell(new Cancel("beat"));
            manual.scheduler().advance(SECOND); // the tick is queued behind the cancel

            manual.drain();
            manual.advance(SECOND.multipliedBy(5));

            assertThat(handled).isEmpty();
            assertThat(manual.scheduler().pending()).isZero();
        }
    }

    @Test
    void a_slow_actor_gets_one_periodic_tick_not_a_pile() {
        ref = spawn(kit);
        ref.tell(new StartPeriodic("beat", "p", SECOND));
        ref.pause();

        kit.advance(SECOND.multipliedBy(10));
        ref.resume();

        assertThat(handled).containsExactly("tick p");
        kit.advance(SECOND);
        assertThat(handled).containsExactly("tick p", "tick p");
    }

    @Test
    void timers_are_cancelled_when_the_actor_stops() {
        ref = spawn(kit);
        ref.tell(new StartPeriodic("beat", "p", SECOND));
        ref.tell(new StartSingle("once", "s", SECOND.multipliedBy(3)));

        ref.tell(new Stop());

        assertThat(kit.scheduler().pending()).isZero();
        kit.advance(SECOND.multipliedBy(5));
        assertThat(handled).isEmpty();
    }
}
