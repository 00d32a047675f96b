package io.clstr.application.eventsourcing;

import io.clstr.application.actor.Cancellable;
import io.clstr.ports.out.eventstore.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The state machine of a {@link ProjectionRunner}'s runs: the current run, its {@link ProjectionState}, its
 * subscription ({@link Feed}), timers and retry wait, the last error and the {@link ProjectionRunner#live()}
 * signal. Each method is one atomic step, so ending a run invalidates all of it at once.
 *
 * <p>Its monitor is the last of the runner's three locks (the order is in {@link ProjectionRunner}): held
 * briefly, never around I/O. Each {@link Feed} guards its subscription with it too.
 */
final class RunState {

    /** What ending a run leaves to finish outside the lock: its subscription to close, its live signal. */
    record Ended(Feed feed, CompletableFuture<Void> live) {
    }

    /** The state and last error, read together. */
    record Observed(ProjectionState state, String lastError) {
    }

    private final String name;

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

    RunState(String name) {
        this.name = name;
    }

    /** @throws IllegalStateException if it is running or paused */
    synchronized void checkStartable() {
        if (state != ProjectionState.STOPPED && state != ProjectionState.FAILED) {
            throw new IllegalStateException("projection " + name + " is already " + state);
        }
    }

    /**
     * Whether a resume has anything to do: false if running.
     *
     * @throws IllegalStateException if it is stopped or failed
     */
    synchronized boolean checkResumable() {
        if (state == ProjectionState.CATCHING_UP || state == ProjectionState.LIVE) {
            return false;
        }
        if (state != ProjectionState.PAUSED) {
            throw new IllegalStateException("projection " + name + " is " + state + ", not paused");
        }
        return true;
    }

    /** Starts a run, catching up; a fresh one (start, rebuild) forgets the last error. Returns its number. */
    synchronized long begin(boolean fresh) {
        run++;
        state = ProjectionState.CATCHING_UP;
        reconnectFailures = 0;
        if (fresh) {
            lastError = null;
        }
        if (live.isDone()) {
            live = new CompletableFuture<>();
        }
        return run;
    }

    /** Ends the run for a stop; null if there is none (stopped or failed). */
    synchronized Ended stop() {
        if (state == ProjectionState.STOPPED || state == ProjectionState.FAILED) {
            return null;
        }
        return end(ProjectionState.STOPPED);
    }

    /**
     * Ends the run for a pause; null if already paused.
     *
     * @throws IllegalStateException if it is stopped or failed
     */
    synchronized Ended pause() {
        if (state == ProjectionState.PAUSED) {
            return null;
        }
        if (state == ProjectionState.STOPPED || state == ProjectionState.FAILED) {
            throw new IllegalStateException("projection " + name + " is " + state + ", not running");
        }
        return end(ProjectionState.PAUSED);
    }

    /** Ends whatever run there is, for a rebuild. */
    synchronized Ended stopForRebuild() {
        return end(ProjectionState.STOPPED);
    }

    /** The rebuild could not reset the read model. */
    synchronized void rebuildFailed(String error) {
        state = ProjectionState.FAILED;
        lastError = error;
    }

    /** Fails the run of {@code from} with this error; returns its live signal, or null if it is not current. */
    synchronized CompletableFuture<Void> fail(Feed from, String error) {
        if (feed != from) {
            return null;
        }
        end(ProjectionState.FAILED);
        lastError = error;
        return live;
    }

    private Ended end(ProjectionState newState) {
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
        return new Ended(old, live);
    }

    /** Makes {@code next} the subscription of run {@code thisRun}; false if that run has ended. */
    synchronized boolean use(long thisRun, Feed next) {
        if (run != thisRun) {
            return false;
        }
        feed = next;
        return true;
    }

    /** Forgets {@code from} if it is the current subscription; returns the run it served, or -1 if not. */
    synchronized long drop(Feed from) {
        if (feed != from) {
            return -1;
        }
        feed = null;
        return run;
    }

    synchronized boolean isCurrent(Feed candidate) {
        return feed == candidate;
    }

    /** Whether run {@code thisRun} is current and has no subscription: it waits for a resubscription. */
    synchronized boolean unsubscribed(long thisRun) {
        return run == thisRun && feed == null;
    }

    /** Whether the current subscription has caught up with the feed. */
    synchronized boolean caughtUp() {
        return feed != null && feed.caughtUp;
    }

    /** {@code from} caught up: the run is live. Returns the live signal to complete, or null if it is not current. */
    synchronized CompletableFuture<Void> wentLive(Feed from) {
        if (feed != from) {
            return null;
        }
        from.caughtUp = true;
        reconnectFailures = 0;
        if (state == ProjectionState.CATCHING_UP) {
            state = ProjectionState.LIVE;
        }
        return live;
    }

    /**
     * Run {@code thisRun} lost its subscription for this reason: back to catching up, one more consecutive
     * failure, and the resubscription timer that {@code schedule} arms for that count. Ignored once the run ended.
     */
    synchronized void subscriptionFailed(long thisRun, String reason, IntFunction<Cancellable> schedule) {
        if (run != thisRun) {
            return;
        }
        if (state == ProjectionState.LIVE) {
            state = ProjectionState.CATCHING_UP;
        }
        lastError = reason;
        reconnectFailures++;
        reconnectTimer = schedule.apply(reconnectFailures);
    }

    /** A commit was handled from the subscription: it works, so the reconnect backoff starts over. */
    synchronized void subscriptionWorks() {
        reconnectFailures = 0;
    }

    synchronized void attemptFailed(String error) {
        lastError = error;
    }

    /** Registers a retry wait of {@code from}, for the end of the run to cut short; false if it is not current. */
    synchronized boolean waitStarted(Feed from, CompletableFuture<Boolean> wait) {
        if (feed != from) {
            return false;
        }
        backoff = wait;
        return true;
    }

    synchronized void waitEnded(CompletableFuture<Boolean> wait) {
        if (backoff == wait) {
            backoff = null;
        }
    }

    /** Arms the next periodic checkpoint flush of run {@code thisRun}, unless it has ended. */
    synchronized void armFlush(long thisRun, Supplier<Cancellable> schedule) {
        if (run == thisRun) {
            flushTimer = schedule.get();
        }
    }

    /** The current subscription's, or null while there is none. */
    synchronized Subscription subscription() {
        return feed == null ? null : feed.subscription();
    }

    synchronized CompletionStage<Void> live() {
        return live.copy();
    }

    synchronized Observed observe() {
        return new Observed(state, lastError);
    }

    private static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
