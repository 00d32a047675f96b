package io.clstr.application.eventsourcing;

import static io.clstr.application.eventsourcing.ProjectionFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.testkit.CallingThreadExecutor;
import io.clstr.application.actor.testkit.ManualScheduler;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedSupervisorTest {

    /** Resubscribes after 100 ms, doubling to 400 ms. */
    private static final ProjectionSettings SETTINGS = ProjectionSettings.defaults()
            .withReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
            .withCheckpoints(1000, Duration.ofHours(1));

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final FlakyFeedEventStore flaky = new FlakyFeedEventStore(fixture.memoryStore);
    private final TallyProjection tallies = fixture.tallies("tallies");
    private final CommitApplier applier = new CommitApplier(tallies, fixture.codec, flaky,
            new CheckpointStore(fixture.kv), new ParkedCommits(fixture.kv), SETTINGS, fixture.metrics,
            Clock.systemUTC());
    private final RunState runs = new RunState("tallies");
    /** Moves only when the test says, so it sees each resubscription's backoff. */
    private final ManualScheduler clock = new ManualScheduler();
    private final BackgroundTasks inline = new BackgroundTasks("inline", CallingThreadExecutor.create(), 1, 10,
            ActorMetrics.NOOP);
    private final FeedSupervisor supervisor = new FeedSupervisor("tallies", EventFilter.all(), flaky, applier, runs,
            new ReentrantLock(), clock, inline, SETTINGS, fixture.metrics);

    @AfterEach
    void close() {
        RunState.Ended ended = runs.stop();
        if (ended != null) {
            supervisor.closeAndSave(ended.feed());
        }
        fixture.close();
    }

    private void awaitState(ProjectionState state) {
        await().atMost(TIMEOUT).until(() -> runs.observe().state() == state);
    }

    @Test
    void resubscribes_after_a_doubling_backoff_until_subscribing_works() {
        flaky.failNextSubscribes(3);
        long position = fixture.increment("c-1", 1);

        supervisor.subscribe(runs.begin(true));
        for (Duration backoff : List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400))) {
            assertThat(clock.untilNext()).isEqualTo(backoff);
            clock.advance(backoff);
        }

        awaitState(ProjectionState.LIVE);
        assertThat(flaky.subscribes()).isEqualTo(4);
        assertThat(fixture.metrics.reconnects("tallies")).isEqualTo(3);
        assertThat(runs.observe().lastError()).contains("subscribing failed", "unreachable");
        assertThat(tallies.delivered()).containsExactly(position);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void a_lost_subscription_is_resubscribed_after_the_last_handled_commit() {
        long first = fixture.increment("c-1", 1);
        supervisor.subscribe(runs.begin(true));
        awaitState(ProjectionState.LIVE);

        flaky.breakSubscriptions();
        assertThat(runs.observe().state()).isEqualTo(ProjectionState.CATCHING_UP);
        assertThat(runs.observe().lastError()).contains("subscription failed", "the connection was lost");
        long second = fixture.increment("c-1", 2);
        assertThat(clock.untilNext()).isEqualTo(Duration.ofMillis(100)); // live again: the backoff started over
        clock.advance(Duration.ofMillis(100));

        awaitState(ProjectionState.LIVE);
        await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 2);
        assertThat(tallies.delivered()).containsExactly(first, second);
        assertThat(flaky.subscribes()).isEqualTo(2);
    }

    @Test
    void the_end_of_the_run_cancels_a_pending_resubscription() {
        flaky.failNextSubscribes(1);
        supervisor.subscribe(runs.begin(true));
        assertThat(clock.pending()).isEqualTo(1);

        runs.stop();

        assertThat(clock.pending()).isZero();
        assertThat(flaky.subscribes()).isEqualTo(1);
    }
}
