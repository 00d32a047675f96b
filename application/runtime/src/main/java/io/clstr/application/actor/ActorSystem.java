package io.clstr.application.actor;

import io.clstr.application.actor.internal.ActorCell;
import io.clstr.application.actor.internal.ActorRuntime;
import io.clstr.application.actor.internal.TimingWheel;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of actors sharing one executor and one scheduler. Actors cost no thread: an idle actor is a
 * small object graph, and a mailbox takes a thread from the executor only while it has messages.
 *
 * <p>By default the system owns a ForkJoinPool in async (FIFO) mode with one thread per core and a
 * {@linkplain Scheduler timing-wheel scheduler}; both are shut down by {@link #close()}. An executor
 * or scheduler passed to the {@link Builder} belongs to the caller. Tests pass a calling-thread
 * executor and a manual scheduler to make everything deterministic.
 */
public final class ActorSystem implements AutoCloseable {

    /** How long {@link #close()} waits for actors to stop. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final ActorRuntime runtime;
    private final ForkJoinPool ownedPool;
    private final TimingWheel ownedWheel;

    private ActorSystem(Builder builder) {
        this.name = builder.name;
        this.ownedPool = builder.executor == null ? newPool(builder.name, builder.parallelism) : null;
        this.ownedWheel = builder.scheduler == null
                ? new TimingWheel(builder.timerTick, 512, "clstr-timer-" + builder.name) : null;
        Executor executor = ownedPool != null ? ownedPool : builder.executor;
        Scheduler scheduler = ownedWheel != null ? ownedWheel : builder.scheduler;
        this.runtime = new ActorRuntime(this, executor, scheduler, builder.metrics);
    }

    /** A system with its own executor and scheduler and no metrics. */
    public static ActorSystem create(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Spawns an actor with {@link ActorOptions#defaults()}. */
    public <M> ActorRef<M> spawn(String name, Behavior<M> behavior) {
        return spawn(name, behavior, ActorOptions.defaults());
    }

    /**
     * Creates and starts an actor. Its state is created on the executor, not on the caller's thread.
     *
     * @throws IllegalStateException if the name is in use by a live actor or the system is closed
     */
    public <M> ActorRef<M> spawn(String name, Behavior<M> behavior, ActorOptions options) {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(options, "options");
        return runtime.spawn(name, behavior.definition(), options);
    }

    /** The live actor with this name, if any. */
    public Optional<ActorRef<?>> find(String name) {
        ActorCell<?> cell = runtime.find(name);
        return Optional.ofNullable(cell);
    }

    /** Live actors; an actor is counted until it has terminated. */
    public int actorCount() {
        return runtime.size();
    }

    /** The system's time source, for code that must agree with actor timers and ask timeouts. */
    public Scheduler scheduler() {
        return runtime.scheduler();
    }

    /** The executor actors run on. */
    public Executor executor() {
        return runtime.executor();
    }

    /**
     * Stops every actor, waits up to {@code timeout} for them to terminate, then shuts down the
     * executor and scheduler the system created. Returns whether every actor terminated in time.
     * Call it from outside the system: an actor calling it would wait for its own termination.
     */
    public boolean close(Duration timeout) {
        boolean stopped = runtime.stopAll(timeout);
        if (ownedWheel != null) {
            ownedWheel.close();
        }
        if (ownedPool != null) {
            ownedPool.shutdown();
            try {
                stopped &= ownedPool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return stopped;
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    private static ForkJoinPool newPool(String systemName, int parallelism) {
        AtomicInteger counter = new AtomicInteger();
        return new ForkJoinPool(parallelism, pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("clstr-actor-" + systemName + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, null, true);
    }

    /** Configures a system. Whatever is not given is created, owned and closed by the system. */
    public static final class Builder {

        private final String name;
        private Executor executor;
        private Scheduler scheduler;
        private ActorMetrics metrics = ActorMetrics.NOOP;
        private Duration timerTick = Duration.ofMillis(10);
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Runs actors on this executor (owned by the caller). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Uses this time source for timers, ask timeouts and backoff (owned by the caller). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder metrics(ActorMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The resolution of the system's own scheduler (default 10 ms): timers fire up to one tick late. */
        public Builder timerTick(Duration timerTick) {
            this.timerTick = Objects.requireNonNull(timerTick, "timerTick");
            return this;
        }

        /** Threads of the system's own pool (default: the number of cores). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be positive, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        public ActorSystem build() {
            return new ActorSystem(this);
        }
    }
}
