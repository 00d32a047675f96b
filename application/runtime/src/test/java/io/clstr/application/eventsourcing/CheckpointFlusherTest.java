package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.testkit.CallingThreadExecutor;
import io.clstr.application.actor.testkit.ManualScheduler;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckpointFlusherTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final ProjectionSettings SETTINGS = ProjectionSettings.defaults().withCheckpoints(1000, INTERVAL);

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final FaultyKeyValueStore counted = new FaultyKeyValueStore(fixture.kv, CheckpointStore.PREFIX);
    private final CommitApplier applier = new CommitApplier(fixture.tallies("tallies"), fixture.codec,
            fixture.memoryStore, new CheckpointStore(counted), new ParkedCommits(fixture.kv), SETTINGS,
            fixture.metrics, Clock.systemUTC());
    private final RunState runs = new RunState("tallies");
    private final ManualScheduler clock = new ManualScheduler();
    /** Holds background tasks until drained, so a test sees a write that is queued and not yet done. */
    private final CallingThreadExecutor executor = CallingThreadExecutor.manual();
    private final BackgroundTasks background = new BackgroundTasks("flush-test", executor, 1, 10, ActorMetrics.NOOP);
    private final CheckpointFlusher flusher = new CheckpointFlusher(applier, runs, clock, background, SETTINGS);
    private final long run = runs.begin(true);
    /** The run's subscription, for the applier; nothing is delivered to it. */
    private final Feed feed = new Feed(runs, null);

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Appends a commit and applies it, as a delivery would, without saving the checkpoint. */
    private long applied() {
        long position = fixture.increment("c-1", 1);
        RecordedCommit commit = fixture.memoryStore.readAll(position - 1, 1, EventFilter.all())
                .toCompletableFuture().join().get(0);
        assertThat(applier.handle(feed, commit)).isNull();
        return position;
    }

    private void interval() {
        clock.advance(INTERVAL);
        executor.drain();
    }

    @Test
    void saves_a_checkpoint_that_is_behind_every_interval_until_the_run_ends() {
        runs.use(run, feed);
        long position = applied();
        flusher.arm(run);
        assertThat(clock.untilNext()).isEqualTo(INTERVAL);

        interval();
        assertThat(counted.writes()).isEqualTo(1);
        assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(position);

        interval();
        assertThat(counted.writes()).isEqualTo(1); // nothing new to save
        assertThat(clock.untilNext()).isEqualTo(INTERVAL);

        runs.stop();
        assertThat(clock.pending()).isZero();
        flusher.arm(run);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void never_queues_a_second_write_behind_one_not_yet_done() {
        runs.use(run, feed);
        applied();
        flusher.arm(run);
        clock.advance(INTERVAL);
        long later = applied();

        clock.advance(INTERVAL);
        assertThat(executor.pending()).isEqualTo(1);

        executor.drain();
        assertThat(counted.writes()).isEqualTo(1);
        assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(later);
        assertThat(applier.checkpointBehind()).isFalse();
    }
}
