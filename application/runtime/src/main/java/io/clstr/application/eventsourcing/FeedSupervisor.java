package io.clstr.application.eventsourcing;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.Scheduler;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.Subscription;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a run subscribed to the feed: subscribes after the last handled commit, hands each delivered commit to
 * the {@link CommitApplier}, and when the subscription fails, resubscribes after a growing backoff, on the
 * {@link BackgroundTasks}, until it works. A commit that still fails under policy STOP fails the run.
 */
final class FeedSupervisor {

    /** Logs under the runner's name, which is what operators configure. */
    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());

    private final String name;
    private final EventFilter filter;
    private final EventStore store;
    private final CommitApplier applier;
    private final RunState runs;
    /** The runner's operations lock: a resubscription is an operation. */
    private final ReentrantLock operations;
    private final Scheduler scheduler;
    private final BackgroundTasks background;
    private final ProjectionSettings settings;
    private final EventSourcingMetrics metrics;

    private volatile long lastLag;

    FeedSupervisor(String name, EventFilter filter, EventStore store, CommitApplier applier, RunState runs,
            ReentrantLock operations, Scheduler scheduler, BackgroundTasks background, ProjectionSettings settings,
            EventSourcingMetrics metrics) {
        this.name = name;
        this.filter = filter;
        this.store = store;
        this.applier = applier;
        this.runs = runs;
        this.operations = operations;
        this.scheduler = scheduler;
        this.background = background;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Subscribes run {@code thisRun} after the last handled commit (caller holds operations). */
    void subscribe(long thisRun) {
        Feed next = new Feed(runs, this);
        if (!runs.use(thisRun, next)) {
            return;
        }
        try {
            next.attach(store.subscribe(applier.position(), filter, next));
        } catch (RuntimeException e) {
            runs.drop(next);
            reconnectLater(thisRun, "subscribing failed: " + FailureSummary.of(e));
        }
    }

    /** Closes a subscription the run state let go of, if any, and saves the checkpoint. */
    void closeAndSave(Feed old) {
        if (old != null) {
            old.close(); // returns once a commit being applied is done
        }
        applier.saveCheckpoint();
    }

    /** Commits not yet read, from the current subscription; the last value seen while there is none. */
    long lag() {
        Subscription current = runs.subscription();
        if (current != null) {
            lastLag = Math.max(0, current.pending());
        }
        return lastLag;
    }

    /** A commit from the feed, on its delivery thread. */
    void deliver(Feed from, RecordedCommit commit) {
        try {
            Throwable failure = applier.handle(from, commit);
            if (failure != null) {
                fail(from, commit, failure);
            }
        } catch (RuntimeException unexpected) {
            // Parking or bookkeeping failed (the KV store, say): the commit is not handled, so never read past it.
            feedFailed(from, unexpected);
        } finally {
            if (commit.position() > applier.position() && runs.isCurrent(from)) {
                // Left unhandled while still subscribed (an interrupted wait): resubscribe rather than skip it.
                feedFailed(from, new ProjectionFailedException("commit at position " + commit.position()
                        + " was left unapplied"));
            }
        }
    }

    void wentLive(Feed from) {
        CompletableFuture<Void> signal = runs.wentLive(from);
        if (signal == null) {
            return;
        }
        LOG.log(Level.DEBUG, "projection {0} is live at position {1}", name, applier.position());
        signal.complete(null);
    }

    void feedFailed(Feed from, Throwable error) {
        long thisRun = runs.drop(from);
        if (thisRun < 0) {
            return;
        }
        from.close();
        reconnectLater(thisRun, "subscription failed: " + FailureSummary.of(error));
    }

    /** Waits before the next attempt; false if the wait was cut short (the run ended, or an interrupt). */
    boolean sleep(Feed from, long nanos) {
        CompletableFuture<Boolean> wait = new CompletableFuture<>();
        if (!runs.waitStarted(from, wait)) {
            return false;
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
            runs.waitEnded(wait);
        }
    }

    /** The commit still failed after its last attempt, under policy STOP. */
    private void fail(Feed from, RecordedCommit commit, Throwable failure) {
        String error = CommitApplier.describe(commit, failure);
        CompletableFuture<Void> signal = runs.fail(from, error);
        if (signal == null) {
            return;
        }
        closeAndSave(from); // on the delivery thread: ends the subscription without waiting for this call
        signal.completeExceptionally(
                new ProjectionFailedException("projection " + name + " failed: " + error, failure));
        LOG.log(Level.ERROR, "projection {0} stopped at position {1} after {2} attempts at the {3}", name,
                applier.position(), settings.maxAttempts(), error);
    }

    private void reconnectLater(long thisRun, String reason) {
        metrics.consumerReconnect(name);
        runs.subscriptionFailed(thisRun, reason, failures -> {
            long delay = settings.reconnectDelayNanos(failures);
            LOG.log(Level.WARNING, "projection {0}: {1}; resubscribing after position {2} in {3} ms", name, reason,
                    applier.position(), delay / 1_000_000);
            return scheduler.schedule(delay, () -> background.submit(() -> {
                reconnect(thisRun);
                return null;
            }).whenComplete((ignored, refused) -> {
                if (refused != null) {
                    reconnectLater(thisRun, "resubscription refused: " + FailureSummary.of(refused));
                }
            }));
        });
    }

    private void reconnect(long thisRun) {
        operations.lock();
        try {
            if (runs.unsubscribed(thisRun)) {
                subscribe(thisRun);
            }
        } finally {
            operations.unlock();
        }
    }
}
