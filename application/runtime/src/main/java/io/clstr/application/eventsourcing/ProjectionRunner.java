package io.clstr.application.eventsourcing;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Scheduler;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
    private final CommitApplier applier;
    private final RunState runs;
    private final FeedSupervisor feeds;
    private final CheckpointFlusher flusher;

    /*
     * This class runs the operations; the RunState is the state machine of runs, the FeedSupervisor keeps a run
     * subscribed, the CommitApplier applies commits and the CheckpointFlusher saves checkpoints on a timer. Three
     * locks, always taken in this order: operations (one operation or resubscription at a time; never on a
     * delivery thread, because stop and pause wait for the delivery in progress), the applier's (held while a
     * commit is applied; guards the position, checkpoint and parked commits) and the RunState's monitor (the
     * run state and each Feed's subscription; held briefly, never around I/O).
     */
    private final ReentrantLock operations = new ReentrantLock();

    private ProjectionRunner(Builder builder) {
        Projection projection = builder.projection;
        this.name = Projection.requireValidName(projection.name());
        EventFilter filter = new EventFilter(Objects.requireNonNull(projection.aggregateTypes(), "aggregateTypes"));
        this.applier = new CommitApplier(projection, builder.codec, builder.store,
                new CheckpointStore(builder.keyValueStore), new ParkedCommits(builder.keyValueStore),
                builder.settings, builder.metrics, builder.clock);
        this.runs = new RunState(name);
        this.feeds = new FeedSupervisor(name, filter, builder.store, applier, runs, operations, builder.scheduler,
                builder.background, builder.settings, builder.metrics);
        this.flusher = new CheckpointFlusher(applier, runs, builder.scheduler, builder.background, builder.settings);
        builder.metrics.registerConsumerLag(name, feeds::lag);
    }

    public static Builder builder(Projection projection) {
        return new Builder(projection);
    }

    public String name() {
        return name;
    }

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
            runs.checkStartable();
            applier.restore();
            LOG.log(Level.INFO, "projection {0} starts after position {1} with {2} parked commits", name,
                    applier.position(), applier.parkedCount());
            feeds.subscribe(beginRun(true));
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
            RunState.Ended ended = runs.stop();
            if (ended == null) {
                return;
            }
            feeds.closeAndSave(ended.feed());
            ended.live().completeExceptionally(new ProjectionFailedException("projection " + name + " stopped"));
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
            RunState.Ended ended = runs.pause();
            if (ended != null) {
                feeds.closeAndSave(ended.feed());
            }
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
            if (runs.checkResumable()) {
                feeds.subscribe(beginRun(false));
            }
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
            Feed old = runs.stopForRebuild().feed();
            if (old != null) {
                old.close();
            }
            applier.resetCheckpoint();
            try {
                applier.resetReadModel();
            } catch (RuntimeException e) {
                runs.rebuildFailed("rebuild failed: " + FailureSummary.of(e));
                throw e;
            }
            LOG.log(Level.INFO, "projection {0} rebuilds from position 0", name);
            feeds.subscribe(beginRun(true));
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
            return applier.retryParked(runs.caughtUp());
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
        return runs.live();
    }

    public ProjectionStatus status() {
        RunState.Observed observed = runs.observe();
        return new ProjectionStatus(name, observed.state(), applier.position(), applier.savedCheckpoint(),
                feeds.lag(), applier.parkedCount(), Optional.ofNullable(observed.lastError()));
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Starts a run and its checkpoint timer (caller holds operations). */
    private long beginRun(boolean fresh) {
        long thisRun = runs.begin(fresh);
        flusher.arm(thisRun);
        return thisRun;
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
