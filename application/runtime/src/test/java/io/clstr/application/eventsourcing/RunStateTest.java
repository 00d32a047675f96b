package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.testkit.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunStateTest {

    private final RunState runs = new RunState("tallies");
    private final ManualScheduler clock = new ManualScheduler();
    private final List<Integer> reconnectFailures = new ArrayList<>();

    /** A subscription of the run; these tests never deliver to it, so it needs no supervisor. */
    private Feed feed() {
        return new Feed(runs, null);
    }

    private Cancellable resubscribeAfter(int failures) {
        reconnectFailures.add(failures);
        return clock.schedule(Duration.ofSeconds(failures).toNanos(), () -> { });
    }

    private ProjectionState state() {
        return runs.observe().state();
    }

    @Test
    void a_run_goes_live_when_its_subscription_catches_up_and_back_to_catching_up_when_it_fails() {
        long run = runs.begin(true);
        Feed feed = feed();
        assertThat(runs.use(run, feed)).isTrue();
        assertThat(state()).isEqualTo(ProjectionState.CATCHING_UP);
        assertThat(runs.caughtUp()).isFalse();

        runs.wentLive(feed).complete(null);
        assertThat(state()).isEqualTo(ProjectionState.LIVE);
        assertThat(runs.caughtUp()).isTrue();
        assertThat(runs.live()).isCompleted();

        assertThat(runs.drop(feed)).isEqualTo(run);
        assertThat(runs.unsubscribed(run)).isTrue();
        runs.subscriptionFailed(run, "connection lost", this::resubscribeAfter);
        assertThat(runs.observe()).isEqualTo(new RunState.Observed(ProjectionState.CATCHING_UP, "connection lost"));
        assertThat(clock.untilNext()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void consecutive_subscription_failures_count_up_until_the_subscription_works() {
        long run = runs.begin(true);
        Feed feed = feed();
        runs.subscriptionFailed(run, "unreachable", this::resubscribeAfter);
        runs.subscriptionFailed(run, "unreachable", this::resubscribeAfter);
        runs.use(run, feed);
        feed.progressed();
        runs.subscriptionFailed(run, "unreachable", this::resubscribeAfter);
        runs.wentLive(feed);
        runs.subscriptionFailed(run, "unreachable", this::resubscribeAfter);

        assertThat(reconnectFailures).containsExactly(1, 2, 1, 1);
    }

    @Test
    void ending_a_run_cancels_its_timers_and_cuts_its_retry_wait_short() {
        long run = runs.begin(true);
        Feed feed = feed();
        runs.use(run, feed);
        runs.armFlush(run, () -> clock.schedule(Duration.ofSeconds(1).toNanos(), () -> { }));
        runs.subscriptionFailed(run, "unreachable", this::resubscribeAfter);
        CompletableFuture<Boolean> wait = new CompletableFuture<>();
        assertThat(runs.waitStarted(feed, wait)).isTrue();
        assertThat(clock.pending()).isEqualTo(2);

        RunState.Ended ended = runs.pause();

        assertThat(ended.feed()).isSameAs(feed);
        assertThat(wait).isCompletedWithValue(false);
        assertThat(clock.pending()).isZero();
        assertThat(runs.isCurrent(feed)).isFalse();
        assertThat(state()).isEqualTo(ProjectionState.PAUSED);
    }

    @Test
    void an_ended_run_ignores_its_late_subscriptions_timers_and_failures() {
        long old = runs.begin(true);
        Feed oldFeed = feed();
        runs.use(old, oldFeed);
        runs.stop();
        long run = runs.begin(true);

        assertThat(runs.use(old, feed())).isFalse();
        runs.armFlush(old, () -> clock.schedule(1, () -> { }));
        runs.subscriptionFailed(old, "too late", this::resubscribeAfter);
        assertThat(clock.pending()).isZero();
        assertThat(runs.unsubscribed(old)).isFalse();
        assertThat(runs.unsubscribed(run)).isTrue();
        assertThat(runs.drop(oldFeed)).isEqualTo(-1);
        assertThat(runs.wentLive(oldFeed)).isNull();
        assertThat(runs.fail(oldFeed, "too late")).isNull();
        assertThat(runs.waitStarted(oldFeed, new CompletableFuture<>())).isFalse();
        assertThat(runs.observe()).isEqualTo(new RunState.Observed(ProjectionState.CATCHING_UP, null));
    }

    @Test
    void a_failed_run_keeps_its_error_until_a_fresh_start_and_only_start_leaves_it() {
        long run = runs.begin(true);
        Feed feed = feed();
        runs.use(run, feed);

        runs.fail(feed, "commit at position 7: boom").completeExceptionally(new ProjectionFailedException("boom"));

        assertThat(runs.observe()).isEqualTo(new RunState.Observed(ProjectionState.FAILED,
                "commit at position 7: boom"));
        assertThat(runs.stop()).isNull();
        assertThatThrownBy(runs::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED");
        assertThatThrownBy(runs::checkResumable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not paused");
        runs.checkStartable();
        runs.begin(true);
        assertThat(runs.observe()).isEqualTo(new RunState.Observed(ProjectionState.CATCHING_UP, null));
        assertThat(runs.live()).isNotDone();
        assertThatThrownBy(runs::checkStartable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already CATCHING_UP");
    }

    @Test
    void the_live_signal_waits_across_a_pause_for_the_resumed_run() {
        long run = runs.begin(true);
        runs.use(run, feed());
        CompletableFuture<Void> signal = runs.pause().live();
        assertThat(runs.pause()).isNull(); // already paused
        assertThat(runs.checkResumable()).isTrue();

        long resumed = runs.begin(false);
        Feed feed = feed();
        runs.use(resumed, feed);
        assertThat(runs.checkResumable()).isFalse();
        runs.wentLive(feed).complete(null);

        assertThat(signal).isCompleted();
    }
}
