package io.clstr.application.eventsourcing;

import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies commits to a projection one at a time: decodes them, retries a failing one with backoff, parks it
 * (policy PARK) or hands the failure back (policy STOP), and moves the position and its checkpoint along.
 * Also applies the parked commits again on request.
 *
 * <p>Its lock is held while a commit is applied and guards everything a commit moves: the position and
 * checkpoint ({@link CheckpointWriter}) and the parked commits ({@link ParkedStreams}). Retry waits happen
 * outside it.
 */
final class CommitApplier {

    private static final System.Logger LOG = System.getLogger(CommitApplier.class.getName());

    /** The subscription a commit arrives on, as far as applying it is concerned. */
    interface Delivery {

        /** Whether the feed had caught up when the commit arrived. */
        boolean live();

        /** False once its run ended (stop, pause, rebuild, failure): the commit is then left unapplied. */
        boolean current();

        /** Waits before the next attempt; false if the wait was cut short (the run ended, or an interrupt). */
        boolean awaitRetry(long nanos);

        /** A commit from it was applied or parked after its attempts. */
        void progressed();

        /** An attempt failed with this error. */
        void attemptFailed(String error);
    }

    private final String name;
    private final Projection projection;
    private final Codec codec;
    private final EventStore store;
    private final ParkedCommits parkedCommits;
    private final ProjectionSettings settings;
    private final EventSourcingMetrics metrics;
    private final Clock clock;
    private final CheckpointWriter checkpoint;
    private final ParkedStreams parked = new ParkedStreams();
    private final ReentrantLock lock = new ReentrantLock();

    CommitApplier(Projection projection, Codec codec, EventStore store, CheckpointStore checkpoints,
            ParkedCommits parkedCommits, ProjectionSettings settings, EventSourcingMetrics metrics, Clock clock) {
        this.name = projection.name();
        this.projection = projection;
        this.codec = codec;
        this.store = store;
        this.parkedCommits = parkedCommits;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.checkpoint = new CheckpointWriter(checkpoints, name, settings.checkpointEvery());
    }

    /** The position of the last commit handled, applied or parked. */
    long position() {
        return checkpoint.position();
    }

    long savedCheckpoint() {
        return checkpoint.saved();
    }

    boolean checkpointBehind() {
        return checkpoint.behind();
    }

    int parkedCount() {
        return parked.count();
    }

    /** The commits parked now, in position order. */
    List<ParkedCommit> parked() {
        return parkedCommits.list(name);
    }

    /** Continues from the saved checkpoint and the parked commits. */
    void restore() {
        lock.lock();
        try {
            List<ParkedCommit> list = parkedCommits.list(name);
            checkpoint.load();
            parked.reset(list);
        } finally {
            lock.unlock();
        }
    }

    /** Saves the checkpoint if the position moved; waits for a commit being applied. */
    void saveCheckpoint() {
        lock.lock();
        try {
            checkpoint.save();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the checkpoint, so a crash from here on replays from zero; the position goes back to 0. */
    void resetCheckpoint() {
        lock.lock();
        try {
            checkpoint.reset();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the parked commits and resets the projection, for a rebuild. */
    void resetReadModel() {
        lock.lock();
        try {
            parkedCommits.clear(name);
            parked.reset(List.of());
            projection.reset();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies a commit from the feed, retrying with backoff, then parks it (policy PARK). Returns the failure
     * to stop on (policy STOP, after the last attempt), else null: applied, parked, already handled, or left
     * unapplied because the run ended.
     */
    Throwable handle(Delivery from, RecordedCommit commit) {
        if (commit.position() <= position()) {
            return null;
        }
        Throwable failure;
        int attempt = 0;
        do {
            attempt++;
            lock.lock();
            try {
                if (!from.current()) {
                    return null;
                }
                if (attempt == 1 && parkBehindEarlier(commit)) {
                    return null;
                }
                failure = apply(commit, from.live());
                if (failure == null) {
                    checkpoint.handled(commit.position());
                    from.progressed();
                    return null;
                }
            } finally {
                lock.unlock();
            }
            String error = describe(commit, failure);
            from.attemptFailed(error);
            LOG.log(Level.WARNING, "projection {0} failed attempt {1} of {2} at the {3}", name, attempt,
                    settings.maxAttempts(), error);
        } while (attempt < settings.maxAttempts() && from.awaitRetry(settings.retryDelayNanos(attempt)));
        if (attempt < settings.maxAttempts()) {
            return null; // the wait was cut short by stop, pause or rebuild
        }
        if (settings.failurePolicy() == ProjectionFailurePolicy.STOP) {
            return failure;
        }
        lock.lock();
        try {
            if (from.current()) {
                park(commit, attempt, FailureSummary.of(failure));
                checkpoint.handled(commit.position());
                from.progressed();
            }
        } finally {
            lock.unlock();
        }
        return null;
    }

    /**
     * Applies the parked commits again, in position order, reading them from the event store. Each one that
     * succeeds leaves the parked list; one that fails again stays, and so do the later ones of its stream.
     */
    ParkedRetry retryParked(boolean live) {
        lock.lock();
        try {
            int applied = 0;
            Set<StreamId> blocked = new HashSet<>();
            for (ParkedCommit entry : parkedCommits.list(name)) {
                if (blocked.contains(entry.stream())) {
                    continue;
                }
                String error = retry(entry, live);
                if (error == null) {
                    parkedCommits.remove(name, entry.position());
                    applied++;
                } else {
                    parkedCommits.park(entry.failedAgain(error, clock.instant()));
                    blocked.add(entry.stream());
                }
            }
            parked.reset(parkedCommits.list(name));
            LOG.log(Level.INFO, "projection {0} applied {1} parked commits; {2} remain parked", name, applied,
                    parked.count());
            return new ParkedRetry(applied, parked.count());
        } finally {
            lock.unlock();
        }
    }

    static String describe(RecordedCommit commit, Throwable failure) {
        return "commit at position " + commit.position() + " of " + commit.stream() + ": "
                + FailureSummary.of(failure);
    }

    /** Decodes and applies one commit; returns the failure, or null. Records the per-event metrics. */
    private Throwable apply(RecordedCommit commit, boolean live) {
        List<RecordedEvent> events = commit.events();
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            List<EventEnvelope<?>> decoded = new ArrayList<>(events.size());
            for (RecordedEvent event : events) {
                decoded.add(new EventEnvelope<>(event.stream(), event.version(), event.position(), event.type(),
                        event.recordedAt(), event.metadata(), codec.decode(event.type(), event.data())));
            }
            projection.apply(new ProjectionCommit(commit.stream(), commit.position(), decoded, live));
        } catch (Throwable thrown) {
            if (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
                throw (VirtualMachineError) thrown; // out of memory and the like: not the commit's fault
            }
            failure = thrown;
        }
        long share = (System.nanoTime() - started) / events.size();
        for (RecordedEvent event : events) {
            metrics.consumerEvent(event.type(), live, failure == null, share);
        }
        return failure;
    }

    /**
     * If an earlier commit of this stream is parked, parks this one too: applying it would put the stream's
     * events out of order. Returns whether the commit was dealt with so.
     */
    private boolean parkBehindEarlier(RecordedCommit commit) {
        if (!parked.contains(commit.stream(), commit.position())) {
            Long earlier = parked.parkedBefore(commit.stream(), commit.position());
            if (earlier == null) {
                return false;
            }
            park(commit, 0, "waits behind the parked commit at position " + earlier + " of its stream");
        } // else parked before a restart that came before the checkpoint was saved: already recorded
        checkpoint.handled(commit.position());
        return true;
    }

    private void park(RecordedCommit commit, int attempts, String error) {
        List<String> types = new ArrayList<>(commit.events().size());
        for (RecordedEvent event : commit.events()) {
            types.add(event.type());
        }
        parkedCommits.park(new ParkedCommit(name, commit.position(), commit.stream(), commit.firstVersion(),
                commit.lastVersion(), types, attempts, error, clock.instant()));
        parked.park(commit.stream(), commit.position());
        metrics.consumerParked(name);
        LOG.log(Level.WARNING, "projection {0} parked the commit at position {1} of {2}: {3}", name,
                commit.position(), commit.stream(), error);
    }

    /** Applies one parked commit again; returns the error, or null on success. */
    private String retry(ParkedCommit entry, boolean live) {
        RecordedCommit commit;
        try {
            List<RecordedCommit> found = store.readAll(entry.position() - 1, 1,
                    EventFilter.aggregateTypes(entry.stream().type())).toCompletableFuture().join();
            commit = found.isEmpty() || found.get(0).position() != entry.position() ? null : found.get(0);
        } catch (CompletionException | IllegalArgumentException e) {
            return "reading the commit failed: " + FailureSummary.of(e.getCause() != null ? e.getCause() : e);
        }
        if (commit == null) {
            return "the commit is no longer in the event store";
        }
        Throwable failure = apply(commit, live);
        return failure == null ? null : FailureSummary.of(failure);
    }
}
