package io.clstr.application.eventsourcing;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one {@link Projection} over the global event feed: loads its checkpoint, subscribes after it, catches
 * up, then follows new commits live, applying each commit once it is decoded, in position order.
 *
 * <p><b>Guarantee.</b> The checkpoint is written only after the commits up to it were applied (every
 * {@code checkpointEvery} commits, every {@code checkpointInterval}, on pause and stop), and a restart
 * resumes after it. No commit is ever skipped; commits after the checkpoint may be delivered again after a
 * crash, which an idempotent read model ({@link KeyValueReadModel}) turns into no-ops. Together: every event
 * takes effect exactly once.
 *
 * <p><b>Failures.</b> A commit whose decoding or {@link Projection#apply} throws is retried with exponential
 * backoff; after the last attempt the {@link ProjectionFailurePolicy} stops the runner in
 * {@link ProjectionState#FAILED} (checkpoint before the commit) or parks the commit ({@link ParkedCommits}) and
 * goes on. A failed subscription is resubscribed after the last handled commit, with backoff, until it works.
 * Failures stay inside this runner: they never reach the event store, other projections or the caller.
 *
 * <p><b>Threads.</b> Commits are applied on the subscription's delivery thread, so a slow or retrying projection
 * holds up only itself; retries wait on the {@link Scheduler}; reconnects and periodic checkpoint writes run on
 * the {@link BackgroundTasks}. Operations ({@link #start}, {@link #stop}, {@link #pause}, {@link #resume},
 * {@link #rebuild}, {@link #retryParked}) may be called from any thread, except from inside the projection's
 * {@code apply}, and are serialised.
 */
public final class ProjectionRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());

    private final String name;
    private final EventFilter filter;
    private final EventStore store;
    private final ProjectionSettings settings;
    private final Scheduler scheduler;
    private final BackgroundTasks background;
    private final EventSourcingMetrics metrics;
    private final CommitApplier applier;

    /*
     * This class supervises runs and their subscriptions; the CommitApplier applies commits. Three locks, always
     * taken in this order: operations (one operation or resubscription at a time; never on a delivery thread,
     * because stop and pause wait for the delivery in progress), the applier's (held while a commit is applied;
     * guards the position, checkpoint and parked commits) and lock (the run state below; held briefly, never
     * around I/O).
     */
    private final ReentrantLock operations = new ReentrantLock();
    private final Object lock = new Object();

    // Guarded by lock.
    private ProjectionState state = ProjectionState.STOPPED;
    /** Bumped whenever a run starts or ends, so timers of an older run do nothing. */
    private long run;
    /** The subscription of the current run, or null while there is none (stopped, paused, reconnecting). */
    private Feed feed;
    /** The retry wait in progress; completed with false to abort it. */
    private CompletableFuture<Boolean> backoff;
    private Cancellable reconnectTimer;
    private Cancellable flushTimer;
    private int reconnectFailures;
    private String lastError;
    private CompletableFuture<Void> live = new CompletableFuture<>();

    private volatile long lastLag;
    /** A periodic checkpoint write is queued or running: a slow commit holds it up, so never queue a second. */
    private final AtomicBoolean flushing = new AtomicBoolean();

    private ProjectionRunner(Builder builder) {
        Projection projection = builder.projection;
        this.name = Projection.requireValidName(projection.name());
        this.filter = new EventFilter(Objects.requireNonNull(projection.aggregateTypes(), "aggregateTypes"));
        this.store = builder.store;
        this.settings = builder.settings;
        this.scheduler = builder.scheduler;
        this.background = builder.background;
        this.metrics = builder.metrics;
        this.applier = new CommitApplier(projection, builder.codec, builder.store,
                new CheckpointStore(builder.keyValueStore), new ParkedCommits(builder.keyValueStore), settings,
                metrics, builder.clock);
        metrics.registerConsumerLag(name, this::lag);
    }

    public static Builder builder(Projection projection) {
        return new Builder(projection);
    }

    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ operations

    /**
     * Loads the checkpoint and the parked commits, then subscribes after the checkpoint. Returns once
     * subscribed (or, if subscribing failed, once a resubscription is scheduled); {@link #live()} tells when it
     * has caught up. Starting a {@link ProjectionState#FAILED} runner retries the commit it failed on.
     *
     * @throws IllegalStateException if it is already running or paused
     * @throws io.clstr.ports.out.keyvalue.KeyValueException if the checkpoint cannot be read
     */
    public void start() {
        operations.lock();
        try {
            synchronized (lock) {
                if (state != ProjectionState.STOPPED && state != ProjectionState.FAILED) {
                    throw new IllegalStateException("projection " + name + " is already " + state);
                }
            }
            applier.restore();
            LOG.log(Level.INFO, "projection {0} starts after position {1} with {2} parked commits", name,
                    applier.position(), applier.parkedCount());
            subscribe(beginRun(true));
        } finally {
            operations.unlock();
        }
    }

    /**
     * Stops gracefully: lets the commit being applied finish (a retry wait is cut short and that commit stays
     * unapplied), then saves the checkpoint. A no-op if it is not running; a failed runner stays
     * {@link ProjectionState#FAILED}.
     */
    public void stop() {
        operations.lock();
        try {
            Feed old;
            CompletableFuture<Void> signal;
            synchronized (lock) {
                if (state == ProjectionState.STOPPED || state == ProjectionState.FAILED) {
                    return;
                }
                old = endRun(ProjectionState.STOPPED);
                signal = live;
            }
            closeAndSave(old);
            signal.completeExceptionally(new ProjectionFailedException("projection " + name + " stopped"));
            LOG.log(Level.INFO, "projection {0} stopped at position {1}", name, applier.position());
        } finally {
            operations.unlock();
        }
    }

    /**
     * Stops reading after the commit being applied and saves the checkpoint; {@link #resume()} continues from
     * there. A no-op if already paused.
     *
     * @throws IllegalStateException if it is stopped or failed
     */
    public void pause() {
        operations.lock();
        try {
            Feed old;
            synchronized (lock) {
                if (state == ProjectionState.PAUSED) {
                    return;
                }
                if (state == ProjectionState.STOPPED || state == ProjectionState.FAILED) {
                    throw new IllegalStateException("projection " + name + " is " + state + ", not running");
                }
                old = endRun(ProjectionState.PAUSED);
            }
            closeAndSave(old);
        } finally {
            operations.unlock();
        }
    }

    /**
     * Subscribes again after the last commit handled. A no-op if it is running.
     *
     * @throws IllegalStateException if it is stopped or failed (use {@link #start()})
     */
    public void resume() {
        operations.lock();
        try {
            synchronized (lock) {
                if (state == ProjectionState.CATCHING_UP || state == ProjectionState.LIVE) {
                    return;
                }
                if (state != ProjectionState.PAUSED) {
                    throw new IllegalStateException("projection " + name + " is " + state + ", not paused");
                }
            }
            subscribe(beginRun(false));
        } finally {
            operations.unlock();
        }
    }

    /**
     * Rebuilds the read model from zero, from any state: stops reading, deletes the checkpoint, forgets the
     * parked commits, calls {@link Projection#reset()}, then replays the whole feed and follows it. The
     * checkpoint goes first, so a crash half-way leaves a projection that replays from zero; call rebuild
     * again to finish it.
     */
    public void rebuild() {
        operations.lock();
        try {
            Feed old;
            synchronized (lock) {
                old = endRun(ProjectionState.STOPPED);
            }
            if (old != null) {
                old.close();
            }
            applier.resetCheckpoint();
            try {
                applier.resetReadModel();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    state = ProjectionState.FAILED;
                    lastError = "rebuild failed: " + FailureSummary.of(e);
                }
                throw e;
            }
            LOG.log(Level.INFO, "projection {0} rebuilds from position 0", name);
            subscribe(beginRun(true));
        } finally {
            operations.unlock();
        }
    }

    /**
     * Applies the parked commits again, in position order, reading them from the event store. Each one that
     * succeeds leaves the parked list; one that fails again stays, and so do the later ones of its stream.
     * Works in any state; while running, it takes turns with the feed.
     */
    public ParkedRetry retryParked() {
        operations.lock();
        try {
            boolean liveNow;
            synchronized (lock) {
                liveNow = feed != null && feed.caughtUp;
            }
            return applier.retryParked(liveNow);
        } finally {
            operations.unlock();
        }
    }

    /** The commits parked now, in position order. */
    public List<ParkedCommit> parked() {
        return applier.parked();
    }

    /**
     * Completes when the current run has caught up with the feed (after {@link #start}, {@link #resume} or
     * {@link #rebuild}); fails with {@link ProjectionFailedException} if it is stopped or fails first. A pause
     * keeps it waiting for the resumed run.
     */
    public CompletionStage<Void> live() {
        synchronized (lock) {
            return live.copy();
        }
    }

    public ProjectionStatus status() {
        ProjectionState currentState;
        String error;
        synchronized (lock) {
            currentState = state;
            error = lastError;
        }
        return new ProjectionStatus(name, currentState, applier.position(), applier.savedCheckpoint(), lag(),
                applier.parkedCount(), Optional.ofNullable(error));
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ runs and subscriptions

    /** Starts a run (caller holds operations). */
    private long beginRun(boolean fresh) {
        synchronized (lock) {
            run++;
            state = ProjectionState.CATCHING_UP;
            reconnectFailures = 0;
            if (fresh) {
                lastError = null;
            }
            if (live.isDone()) {
                live = new CompletableFuture<>();
            }
            long thisRun = run;
            flushTimer = scheduler.schedule(settings.checkpointInterval().toNanos(), () -> flushDue(thisRun));
            return thisRun;
        }
    }

    /** Ends the current run (caller holds lock); returns its subscription, for the caller to close. */
    private Feed endRun(ProjectionState newState) {
        run++;
        state = newState;
        Feed old = feed;
        feed = null;
        cancel(reconnectTimer);
        cancel(flushTimer);
        reconnectTimer = null;
        flushTimer = null;
        if (backoff != null) {
            backoff.complete(false);
        }
        return old;
    }

    private void closeAndSave(Feed old) {
        if (old != null) {
            old.close(); // returns once a commit being applied is done
        }
        applier.saveCheckpoint();
    }

    /** Subscribes after the last handled commit (caller holds operations). */
    private void subscribe(long thisRun) {
        Feed next = new Feed();
        synchronized (lock) {
            if (run != thisRun) {
                return;
            }
            feed = next;
        }
        try {
            next.attach(store.subscribe(applier.position(), filter, next));
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (feed == next) {
                    feed = null;
                }
            }
            reconnectLater(thisRun, "subscribing failed: " + FailureSummary.of(e));
        }
    }

    private void reconnectLater(long thisRun, String reason) {
        metrics.consumerReconnect(name);
        synchronized (lock) {
            if (run != thisRun) {
                return;
            }
            if (state == ProjectionState.LIVE) {
                state = ProjectionState.CATCHING_UP;
            }
            lastError = reason;
            reconnectFailures++;
            long delay = settings.reconnectDelayNanos(reconnectFailures);
            LOG.log(Level.WARNING, "projection {0}: {1}; resubscribing after position {2} in {3} ms", name, reason,
                    applier.position(), delay / 1_000_000);
            reconnectTimer = scheduler.schedule(delay, () -> background.submit(() -> {
                reconnect(thisRun);
                return null;
            }).whenComplete((ignored, refused) -> {
                if (refused != null) {
                    reconnectLater(thisRun, "resubscription refused: " + FailureSummary.of(refused));
                }
            }));
        }
    }

    private void reconnect(long thisRun) {
        operations.lock();
        try {
            synchronized (lock) {
                if (run != thisRun || feed != null) {
                    return;
                }
            }
            subscribe(thisRun);
        } finally {
            operations.unlock();
        }
    }

    private boolean isCurrent(Feed candidate) {
        synchronized (lock) {
            return feed == candidate;
        }
    }

    /** A commit from the feed, on its delivery thread. */
    private void deliver(Feed from, RecordedCommit commit) {
        try {
            Throwable failure = applier.handle(from, commit);
            if (failure != null) {
                fail(from, commit, failure);
            }
        } catch (RuntimeException unexpected) {
            // Parking or bookkeeping failed (the KV store, say): the commit is not handled, so never read past it.
            feedFailed(from, unexpected);
        } finally {
            if (commit.position() > applier.position() && isCurrent(from)) {
                // Left unhandled while still subscribed (an interrupted wait): resubscribe rather than skip it.
                feedFailed(from, new ProjectionFailedException("commit at position " + commit.position()
                        + " was left unapplied"));
            }
        }
    }

    private void wentLive(Feed from) {
        CompletableFuture<Void> signal;
        synchronized (lock) {
            if (feed != from) {
                return;
            }
            from.caughtUp = true;
            reconnectFailures = 0;
            if (state == ProjectionState.CATCHING_UP) {
                state = ProjectionState.LIVE;
            }
            signal = live;
        }
        LOG.log(Level.DEBUG, "projection {0} is live at position {1}", name, applier.position());
        signal.complete(null);
    }

    private void feedFailed(Feed from, Throwable error) {
        long thisRun;
        synchronized (lock) {
            if (feed != from) {
                return;
            }
            feed = null;
            thisRun = run;
        }
        from.close();
        reconnectLater(thisRun, "subscription failed: " + FailureSummary.of(error));
    }

    /** The commit still failed after its last attempt, under policy STOP. */
    private void fail(Feed from, RecordedCommit commit, Throwable failure) {
        String error = CommitApplier.describe(commit, failure);
        CompletableFuture<Void> signal;
        synchronized (lock) {
            if (feed != from) {
                return;
            }
            endRun(ProjectionState.FAILED);
            lastError = error;
            signal = live;
        }
        closeAndSave(from); // on the delivery thread: ends the subscription without waiting for this call
        signal.completeExceptionally(
                new ProjectionFailedException("projection " + name + " failed: " + error, failure));
        LOG.log(Level.ERROR, "projection {0} stopped at position {1} after {2} attempts at the {3}", name,
                applier.position(), settings.maxAttempts(), error);
    }

    /** Waits before the next attempt; false if the wait was cut short (the run ended, or an interrupt). */
    private boolean sleep(Feed from, long nanos) {
        CompletableFuture<Boolean> wait = new CompletableFuture<>();
        synchronized (lock) {
            if (feed != from) {
                return false;
            }
            backoff = wait;
        }
        Cancellable timer = scheduler.schedule(nanos, () -> wait.complete(true));
        try {
            return wait.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        } finally {
            timer.cancel();
            synchronized (lock) {
                if (backoff == wait) {
                    backoff = null;
                }
            }
        }
    }

    /** Runs on the scheduler thread: hands a due checkpoint write to the background tasks, then re-arms. */
    private void flushDue(long thisRun) {
        if (applier.checkpointBehind() && flushing.compareAndSet(false, true)) {
            background.submit(() -> {
                applier.saveCheckpoint();
                return null;
            }).whenComplete((ignored, refused) -> flushing.set(false));
        }
        synchronized (lock) {
            if (run == thisRun) {
                flushTimer = scheduler.schedule(settings.checkpointInterval().toNanos(), () -> flushDue(thisRun));
            }
        }
    }

    private long lag() {
        Subscription current;
        synchronized (lock) {
            current = feed == null ? null : feed.subscription;
        }
        if (current != null) {
            lastLag = Math.max(0, current.pending());
        }
        return lastLag;
    }

    private static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** One subscription of the runner; its calls are ignored once it is no longer the current one. */
    private final class Feed implements CommitListener, CommitApplier.Delivery {
        volatile boolean caughtUp;
        /** Whether a commit was handled from it (resets the reconnect backoff); touched under the applier's lock. */
        private boolean progressed;
        // Guarded by the runner's lock.
        private Subscription subscription;
        private boolean closed;

        void attach(Subscription started) {
            boolean closeNow;
            synchronized (lock) {
                closeNow = closed;
                if (!closed) {
                    subscription = started;
                }
            }
            if (closeNow) {
                started.close();
            }
        }

        void close() {
            Subscription current;
            synchronized (lock) {
                closed = true;
                current = subscription;
                subscription = null;
            }
            if (current != null) {
                current.close();
            }
        }

        @Override
        public void onCommit(RecordedCommit commit) {
            deliver(this, commit);
        }

        @Override
        public void onLive() {
            wentLive(this);
        }

        @Override
        public void onError(Throwable error) {
            feedFailed(this, error);
        }

        @Override
        public boolean live() {
            return caughtUp;
        }

        @Override
        public boolean current() {
            return isCurrent(this);
        }

        @Override
        public boolean awaitRetry(long nanos) {
            return sleep(this, nanos);
        }

        @Override
        public void progressed() {
            if (!progressed) {
                progressed = true;
                synchronized (lock) {
                    reconnectFailures = 0;
                }
            }
        }

        @Override
        public void attemptFailed(String error) {
            synchronized (lock) {
                lastError = error;
            }
        }
    }

    /** Collects what a projection runner needs. */
    public static final class Builder {
        private final Projection projection;
        private EventStore store;
        private Codec codec;
        private KeyValueStore keyValueStore;
        private Scheduler scheduler;
        private BackgroundTasks background;
        private ProjectionSettings settings = ProjectionSettings.defaults();
        private EventSourcingMetrics metrics = EventSourcingMetrics.NOOP;
        private Clock clock = Clock.systemUTC();

        private Builder(Projection projection) {
            this.projection = Objects.requireNonNull(projection, "projection");
        }

        public Builder eventStore(EventStore value) {
            this.store = value;
            return this;
        }

        /** Decodes events; its catalog must know every event type the projection reads. */
        public Builder codec(Codec value) {
            this.codec = value;
            return this;
        }

        /** Where checkpoints ({@code checkpoints/}) and parked commits ({@code parked/}) are kept. */
        public Builder checkpoints(KeyValueStore value) {
            this.keyValueStore = value;
            return this;
        }

        /** The time source of retry backoff, reconnects and checkpoint flushes (the actor system's). */
        public Builder scheduler(Scheduler value) {
            this.scheduler = value;
            return this;
        }

        /** Runs resubscriptions and periodic checkpoint writes, which block. */
        public Builder background(BackgroundTasks value) {
            this.background = value;
            return this;
        }

        public Builder settings(ProjectionSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        public Builder metrics(EventSourcingMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Stamps parked commits. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ProjectionRunner build() {
            Objects.requireNonNull(store, "eventStore");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(keyValueStore, "checkpoints");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(background, "background");
            return new ProjectionRunner(this);
        }
    }
}
