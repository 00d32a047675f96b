package io.clstr.application.actor.testkit;

import io.clstr.application.actor.ActorSystem;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;

/**
 * A deterministic actor system for tests: actors run on the calling thread and time moves only
 * through {@link #advance(Duration)}.
 *
 * <pre>{@code
 * try (ActorTestKit kit = ActorTestKit.create()) {
 *     ActorRef<Cmd> ref = kit.system().spawn("a", behavior);
 *     ref.tell(new Start());           // handled before tell returns
 *     kit.advance(Duration.ofSeconds(1)); // fires timers and ask timeouts that fall due
 * }
 * }</pre>
 */
public final class ActorTestKit implements AutoCloseable {

    private final CallingThreadExecutor executor;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ActorSystem system;

    private ActorTestKit(CallingThreadExecutor executor, ActorMetrics metrics) {
        this.executor = executor;
        this.system = ActorSystem.builder("test").executor(executor).scheduler(scheduler).metrics(metrics).build();
    }

    /** Actors run at once on the calling thread. */
    public static ActorTestKit create() {
        return new ActorTestKit(CallingThreadExecutor.create(), ActorMetrics.NOOP);
    }

    public static ActorTestKit create(ActorMetrics metrics) {
        return new ActorTestKit(CallingThreadExecutor.create(), metrics);
    }

    /** Actors run only when the test calls {@link #drain()}. */
    public static ActorTestKit manual(ActorMetrics metrics) {
        return new ActorTestKit(CallingThreadExecutor.manual(), metrics);
    }

    public ActorSystem system() {
        return system;
    }

    public ManualScheduler scheduler() {
        return scheduler;
    }

    public CallingThreadExecutor executor() {
        return executor;
    }

    /** Moves the clock and runs everything that falls due, and the work it causes. */
    public void advance(Duration duration) {
        scheduler.advance(duration);
        executor.drain();
    }

    /** Runs queued actor work (only needed in manual mode). */
    public int drain() {
        return executor.drain();
    }

    @Override
    public void close() {
        system.close(Duration.ZERO);
        executor.drain();
    }
}
