package io.clstr.application.eventsourcing;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final int MAX_SUMMARY_LENGTH = 300;

    private final Projection projection;
    private final String name;
    private final EventFilter filter;
    private final EventStore store;
    private final Codec codec;
    private final CheckpointStore checkpoints;
    private final ParkedCommits parkedCommits;
    private final ProjectionSettings settings;
    private final Scheduler scheduler;
    private final BackgroundTasks background;
    private final EventSourcingMetrics metrics;
    private final Clock clock;

    /** Serialises operations and resubscriptions; never taken on a delivery thread. */
    private final ReentrantLock operations = new ReentrantLock();
    /** One commit is applied at a time, from the feed or from a retry of parked commits. */
    private final ReentrantLock applying = new ReentrantLock();
    /** Guards the run state below; held briefly, never around I/O. */
    private final Object lock = new Object();
    /** Serialises checkpoint writes, so the saved position only moves forward (except on rebuild). */
    private final Object checkpointLock = new Object();

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

    // Guarded by applying.
    private final Map<StreamId, TreeSet<Long>> parkedByStream = new HashMap<>();
    private int commitsSinceSave;

    // Guarded by checkpointLock (read without it).
    private volatile long checkpoint;
    private volatile long checkpointEpoch;

    /** The last commit handled, applied or parked; written under applying. */
    private volatile long position;
    private volatile long lastLag;
    private final AtomicInteger parkedCount = new AtomicInteger();

    private ProjectionRunner(Builder builder) {
        this.projection = builder.projection;
        this.name = Projection.requireValidName(projection.name());
        this.filter = new EventFilter(Objects.requireNonNull(projection.aggregateTypes(), "aggregateTypes"));
        this.store = builder.store;
        this.codec = builder.codec;
        this.checkpoints = new CheckpointStore(builder.keyValueStore);
        this.parkedCommits = new ParkedCommits(builder.keyValueStore);
        this.settings = builder.settings;
        this.scheduler = builder.scheduler;
        this.background = builder.background;
        this.metrics = builder.metrics;
        this.clock = builder.clock;
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
            long saved = checkpoints.load(name);
            List<ParkedCommit> parked = parkedCommits.list(name);
            applying.lock();
            try {
                indexParked(parked);
                position = saved;
                commitsSinceSave = 0;
            } finally {
                applying.unlock();
            }
            synchronized (checkpointLock) {
                checkpoint = saved;
            }
            LOG.log(Level.INFO, "projection {0} starts after position {1} with {2} parked commits", name, saved,
                    parked.size());
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
            LOG.log(Level.INFO, "projection {0} stopped at position {1}", name, position);
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
            synchronized (checkpointLock) {
                checkpointEpoch++;
                checkpoints.reset(name);
                checkpoint = 0;
            }
            applying.lock();
            try {
                position = 0;
                commitsSinceSave = 0;
                parkedCommits.clear(name);
                indexParked(List.of());
                projection.reset();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    state = ProjectionState.FAILED;
                    lastError = "rebuild failed: " + summary(e);
                }
                throw e;
            } finally {
                applying.unlock();
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
                liveNow = feed != null && feed.live;
            }
            applying.lock();
            try {
                int applied = 0;
                Set<StreamId> blocked = new HashSet<>();
                for (ParkedCommit parked : parkedCommits.list(name)) {
                    if (blocked.contains(parked.stream())) {
                        continue;
                    }
                    String error = retry(parked, liveNow);
                    if (error == null) {
                        parkedCommits.remove(name, parked.position());
                        applied++;
                    } else {
                        parkedCommits.park(parked.failedAgain(error, clock.instant()));
                        blocked.add(parked.stream());
                    }
                }
                indexParked(parkedCommits.list(name));
                LOG.log(Level.INFO, "projection {0} applied {1} parked commits; {2} remain parked", name, applied,
                        parkedCount.get());
                return new ParkedRetry(applied, parkedCount.get());
            } finally {
                applying.unlock();
            }
        } finally {
            operations.unlock();
        }
    }

    /** The commits parked now, in position order. */
    public List<ParkedCommit> parked() {
        return parkedCommits.list(name);
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
        return new ProjectionStatus(name, currentState, position, checkpoint, lag(), parkedCount.get(),
                Optional.ofNullable(error));
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
        saveCheckpoint(-1);
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
            next.attach(store.subscribe(position, filter, next));
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (feed == next) {
                    feed = null;
                }
            }
            reconnectLater(thisRun, "subscribing failed: " + summary(e));
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
                    position, delay / 1_000_000);
            reconnectTimer = scheduler.schedule(delay, () -> background.submit(() -> {
                reconnect(thisRun);
                return null;
            }).whenComplete((ignored, refused) -> {
                if (refused != null) {
                    reconnectLater(thisRun, "resubscription refused: " + summary(refused));
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

    private void wentLive(Feed from) {
        CompletableFuture<Void> signal;
        synchronized (lock) {
            if (feed != from) {
                return;
            }
            from.live = true;
            reconnectFailures = 0;
            if (state == ProjectionState.CATCHING_UP) {
                state = ProjectionState.LIVE;
            }
            signal = live;
        }
        LOG.log(Level.DEBUG, "projection {0} is live at position {1}", name, position);
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
        reconnectLater(thisRun, "subscription failed: " + summary(error));
    }

    // ------------------------------------------------------------------ applying commits

    /** A commit from the feed: apply it, retrying with backoff, then stop or park. Runs on the delivery thread. */
    private void handle(Feed from, RecordedCommit commit) {
        if (commit.position() <= position) {
            return;
        }
        boolean liveNow = from.live;
        Throwable failure;
        int attempt = 0;
        try {
            do {
                attempt++;
                applying.lock();
                try {
                    if (!isCurrent(from)) {
                        return; // stopped, paused or rebuilt meanwhile: the commit stays unapplied
                    }
                    if (attempt == 1 && parkBehindEarlier(commit)) {
                        return;
                    }
                    failure = apply(commit, liveNow);
                    if (failure == null) {
                        handled(from, commit.position());
                        return;
                    }
                } finally {
                    applying.unlock();
                }
                noteFailure(commit, attempt, failure);
            } while (attempt < settings.maxAttempts() && sleep(from, settings.retryDelayNanos(attempt)));
            if (attempt < settings.maxAttempts()) {
                return; // the wait was cut short by stop, pause or rebuild
            }
            if (settings.failurePolicy() == ProjectionFailurePolicy.PARK) {
                applying.lock();
                try {
                    if (isCurrent(from)) {
                        park(commit, attempt, summary(failure));
                        handled(from, commit.position());
                    }
                } finally {
                    applying.unlock();
                }
            } else {
                fail(from, commit, failure);
            }
        } catch (RuntimeException unexpected) {
            // Parking or bookkeeping failed (the KV store, say): the commit is not handled, so never read past it.
            feedFailed(from, unexpected);
        } finally {
            if (commit.position() > position && isCurrent(from)) {
                // Left unhandled while still subscribed (an interrupted wait): resubscribe rather than skip it.
                feedFailed(from, new ProjectionFailedException("commit at position " + commit.position()
                        + " was left unapplied"));
            }
        }
    }

    /**
     * If an earlier commit of this stream is parked, parks this one too (caller holds applying): applying it
     * would put the stream's events out of order. Returns whether the commit was dealt with so.
     */
    private boolean parkBehindEarlier(RecordedCommit commit) {
        TreeSet<Long> parkedOfStream = parkedByStream.get(commit.stream());
        if (parkedOfStream == null) {
            return false;
        }
        if (!parkedOfStream.contains(commit.position())) {
            Long earlier = parkedOfStream.lower(commit.position());
            if (earlier == null) {
                return false;
            }
            park(commit, 0, "waits behind the parked commit at position " + earlier + " of its stream");
        } // else parked before a restart that came before the checkpoint was saved: already recorded
        handled(null, commit.position());
        return true;
    }

    /** Decodes and applies one commit; returns the failure, or null. Records the per-event metrics. */
    private Throwable apply(RecordedCommit commit, boolean liveNow) {
        List<RecordedEvent> events = commit.events();
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            List<EventEnvelope<?>> decoded = new ArrayList<>(events.size());
            for (RecordedEvent event : events) {
                decoded.add(new EventEnvelope<>(event.stream(), event.version(), event.position(), event.type(),
                        event.recordedAt(), event.metadata(), codec.decode(event.type(), event.data())));
            }
            projection.apply(new ProjectionCommit(commit.stream(), commit.position(), decoded, liveNow));
        } catch (Throwable thrown) {
            if (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
                throw (VirtualMachineError) thrown; // out of memory and the like: not the commit's fault
            }
            failure = thrown;
        }
        long share = (System.nanoTime() - started) / events.size();
        for (RecordedEvent event : events) {
            metrics.consumerEvent(event.type(), liveNow, failure == null, share);
        }
        return failure;
    }

    /** A commit was applied or parked (caller holds applying): move on, saving the checkpoint now and then. */
    private void handled(Feed from, long commitPosition) {
        position = commitPosition;
        if (from != null && !from.progressed) {
            from.progressed = true;
            synchronized (lock) {
                reconnectFailures = 0;
            }
        }
        if (++commitsSinceSave >= settings.checkpointEvery()) {
            commitsSinceSave = 0;
            saveCheckpoint(-1);
        }
    }

    private void park(RecordedCommit commit, int attempts, String error) {
        List<String> types = new ArrayList<>(commit.events().size());
        for (RecordedEvent event : commit.events()) {
            types.add(event.type());
        }
        parkedCommits.park(new ParkedCommit(name, commit.position(), commit.stream(), commit.firstVersion(),
                commit.lastVersion(), types, attempts, error, clock.instant()));
        parkedByStream.computeIfAbsent(commit.stream(), stream -> new TreeSet<>()).add(commit.position());
        parkedCount.incrementAndGet();
        metrics.consumerParked(name);
        LOG.log(Level.WARNING, "projection {0} parked the commit at position {1} of {2}: {3}", name,
                commit.position(), commit.stream(), error);
    }

    private void fail(Feed from, RecordedCommit commit, Throwable failure) {
        String error = "commit at position " + commit.position() + " of " + commit.stream() + ": " + summary(failure);
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
        LOG.log(Level.ERROR, "projection {0} stopped at position {1} after {2} attempts at the {3}", name, position,
                settings.maxAttempts(), error);
    }

    private void noteFailure(RecordedCommit commit, int attempt, Throwable failure) {
        String error = "commit at position " + commit.position() + " of " + commit.stream() + ": " + summary(failure);
        synchronized (lock) {
            lastError = error;
        }
        LOG.log(Level.WARNING, "projection {0} failed attempt {1} of {2} at the {3}", name, attempt,
                settings.maxAttempts(), error);
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

    /** Applies one parked commit again (caller holds applying); returns the error, or null on success. */
    private String retry(ParkedCommit parked, boolean liveNow) {
        RecordedCommit commit;
        try {
            List<RecordedCommit> found = store.readAll(parked.position() - 1, 1,
                    EventFilter.aggregateTypes(parked.stream().type())).toCompletableFuture().join();
            commit = found.isEmpty() || found.get(0).position() != parked.position() ? null : found.get(0);
        } catch (CompletionException | IllegalArgumentException e) {
            return "reading the commit failed: " + summary(e.getCause() != null ? e.getCause() : e);
        }
        if (commit == null) {
            return "the commit is no longer in the event store";
        }
        Throwable failure = apply(commit, liveNow);
        return failure == null ? null : summary(failure);
    }

    private void indexParked(List<ParkedCommit> parked) {
        parkedByStream.clear();
        for (ParkedCommit entry : parked) {
            parkedByStream.computeIfAbsent(entry.stream(), stream -> new TreeSet<>()).add(entry.position());
        }
        parkedCount.set(parked.size());
    }

    // ------------------------------------------------------------------ checkpoints and lag

    /** Saves the position if it moved; {@code epoch} -1 for callers that cannot race a rebuild. */
    private void saveCheckpoint(long epoch) {
        synchronized (checkpointLock) {
            if (epoch >= 0 && epoch != checkpointEpoch) {
                return; // a rebuild reset the checkpoint after this flush was planned
            }
            long target = position;
            if (target <= checkpoint) {
                return;
            }
            try {
                checkpoints.save(name, target);
                checkpoint = target;
            } catch (RuntimeException e) {
                // Harmless for correctness (replay is idempotent); the next save tries again.
                LOG.log(Level.WARNING, "projection {0} could not save its checkpoint {1}: {2}", name, target,
                        summary(e));
            }
        }
    }

    /** Runs on the scheduler thread: hands a due checkpoint write to the background tasks, then re-arms. */
    private void flushDue(long thisRun) {
        if (position > checkpoint) {
            long epoch = checkpointEpoch;
            background.submit(() -> {
                saveCheckpoint(epoch);
                return null;
            });
        }
        synchronized (lock) {
            if (run == thisRun) {
                flushTimer = scheduler.schedule(settings.checkpointInterval().toNanos(), () -> flushDue(thisRun));
            }
        }
    }

    private long lag() {
        Feed current;
        synchronized (lock) {
            current = feed;
        }
        long pending = current == null ? -1 : current.pending();
        if (pending >= 0) {
            lastLag = pending;
        }
        return lastLag;
    }

    private static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** The exception class and message, shortened: enough to diagnose, never event data. */
    private static String summary(Throwable failure) {
        String message = failure.getMessage();
        String summary = message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message;
        return summary.length() <= MAX_SUMMARY_LENGTH ? summary : summary.substring(0, MAX_SUMMARY_LENGTH - 3) + "...";
    }

    /** One subscription of the runner; its calls are ignored once it is no longer the current one. */
    private final class Feed implements CommitListener {
        volatile boolean live;
        /** Whether a commit was handled from it (resets the reconnect backoff); touched under applying. */
        boolean progressed;
        private Subscription subscription;
        private boolean closed;

        void attach(Subscription started) {
            boolean closeNow;
            synchronized (this) {
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
            synchronized (this) {
                closed = true;
                current = subscription;
                subscription = null;
            }
            if (current != null) {
                current.close();
            }
        }

        /** Commits not yet delivered, or -1 if not subscribed. */
        long pending() {
            Subscription current;
            synchronized (this) {
                current = subscription;
            }
            return current == null ? -1 : Math.max(0, current.pending());
        }

        @Override
        public void onCommit(RecordedCommit commit) {
            handle(this, commit);
        }

        @Override
        public void onLive() {
            wentLive(this);
        }

        @Override
        public void onError(Throwable error) {
            feedFailed(this, error);
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
