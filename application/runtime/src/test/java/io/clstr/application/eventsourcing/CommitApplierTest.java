package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitApplierTest {

    /** Three attempts, waiting 100 ms then 150 ms; checkpoints only when asked. */
    private static final ProjectionSettings SETTINGS = ProjectionSettings.defaults()
            .withRetries(3, Duration.ofMillis(100), Duration.ofMillis(150))
            .withCheckpoints(1000, Duration.ofHours(1));
    private static final ProjectionSettings PARK = SETTINGS.withFailurePolicy(ProjectionFailurePolicy.PARK);

    private final ProjectionFixture fixture = new ProjectionFixture();
    private final TallyProjection tallies = fixture.tallies("tallies");
    private final FakeDelivery delivery = new FakeDelivery();

    @AfterEach
    void close() {
        fixture.close();
    }

    private CommitApplier applier(TallyProjection projection, ProjectionSettings settings) {
        return new CommitApplier(projection, fixture.codec, fixture.memoryStore, new CheckpointStore(fixture.kv),
                new ParkedCommits(fixture.kv), settings, fixture.metrics,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private RecordedCommit commitAt(long position) {
        return fixture.memoryStore.readAll(position - 1, 1, EventFilter.all())
                .toCompletableFuture().join().get(0);
    }

    @Test
    void applies_each_commit_once_and_moves_the_position() {
        long first = fixture.increment("c-1", 1);
        long second = fixture.increment("c-1", 2, 3);
        CommitApplier applier = applier(tallies, SETTINGS);

        assertThat(applier.handle(delivery, commitAt(first))).isNull();
        assertThat(applier.handle(delivery, commitAt(second))).isNull();
        assertThat(applier.handle(delivery, commitAt(first))).isNull(); // a repeat after a resubscription

        assertThat(tallies.delivered()).containsExactly(first, second);
        assertThat(applier.position()).isEqualTo(second);
        assertThat(delivery.progressed).isEqualTo(2);
        fixture.assertExactlyOnce(tallies);
    }

    @Test
    void a_failing_commit_is_retried_with_backoff_then_parked_under_the_park_policy() {
        long poison = fixture.increment("c-1", 1);
        tallies.failWhen(commit -> commit.position() == poison);
        CommitApplier applier = applier(tallies, PARK);

        assertThat(applier.handle(delivery, commitAt(poison))).isNull();

        assertThat(delivery.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(delivery.errors).hasSize(3)
                .allSatisfy(error -> assertThat(error).contains("position " + poison, "injected failure"));
        assertThat(applier.parked()).extracting(ParkedCommit::position, ParkedCommit::attempts)
                .containsExactly(tuple(poison, 3));
        assertThat(applier.parkedCount()).isEqualTo(1);
        assertThat(fixture.metrics.parked("tallies")).isEqualTo(1);
        assertThat(applier.position()).isEqualTo(poison);
        assertThat(delivery.progressed).isEqualTo(1);
    }

    @Test
    void under_the_stop_policy_the_failure_is_handed_back_and_the_position_stays() {
        long good = fixture.increment("c-1", 1);
        long poison = fixture.increment("c-1", 2);
        tallies.failWhen(commit -> commit.position() == poison);
        CommitApplier applier = applier(tallies, SETTINGS);
        applier.handle(delivery, commitAt(good));

        Throwable failure = applier.handle(delivery, commitAt(poison));

        assertThat(failure).hasMessageContaining("injected failure");
        assertThat(applier.position()).isEqualTo(good);
        assertThat(applier.parked()).isEmpty();
        assertThat(tallies.attempts()).isEqualTo(1 + SETTINGS.maxAttempts());
    }

    @Test
    void an_undecodable_commit_fails_like_a_throwing_projection() {
        long unknown = fixture.memoryStore.append(StreamId.of("count", "c-1"), ExpectedVersion.any(),
                List.of(new EventData("count.exploded.v1", "{}".getBytes(StandardCharsets.UTF_8))))
                .toCompletableFuture().join().position();
        CommitApplier applier = applier(tallies, SETTINGS);

        Throwable failure = applier.handle(delivery, commitAt(unknown));

        assertThat(failure.getClass().getSimpleName()).isEqualTo("UnknownTypeException");
        assertThat(tallies.attempts()).isZero();
        assertThat(fixture.metrics.events("count.exploded.v1", false, false)).isEqualTo(SETTINGS.maxAttempts());
    }

    @Test
    void a_retry_wait_cut_short_leaves_the_commit_unapplied_and_unparked() {
        long poison = fixture.increment("c-1", 1);
        tallies.failWhen(commit -> commit.position() == poison);
        delivery.cutWaitsShort = true;
        CommitApplier applier = applier(tallies, PARK);

        assertThat(applier.handle(delivery, commitAt(poison))).isNull();

        assertThat(tallies.attempts()).isEqualTo(1);
        assertThat(applier.parked()).isEmpty();
        assertThat(applier.position()).isZero();
    }

    @Test
    void nothing_is_applied_once_the_run_ended() {
        long position = fixture.increment("c-1", 1);
        delivery.current = false;
        CommitApplier applier = applier(tallies, SETTINGS);

        assertThat(applier.handle(delivery, commitAt(position))).isNull();

        assertThat(tallies.attempts()).isZero();
        assertThat(applier.position()).isZero();
    }

    @Test
    void later_commits_of_a_parked_stream_wait_behind_it_until_a_retry_applies_them_in_order() {
        long poison = fixture.increment("c-1", 1);
        long behind = fixture.increment("c-1", 2);
        long other = fixture.increment("c-2", 3);
        tallies.failWhen(commit -> commit.position() == poison);
        CommitApplier applier = applier(tallies, PARK);
        for (long position : List.of(poison, behind, other)) {
            applier.handle(delivery, commitAt(position));
        }

        assertThat(applier.parked()).extracting(ParkedCommit::position, ParkedCommit::attempts)
                .containsExactly(tuple(poison, 3), tuple(behind, 0));
        assertThat(tallies.delivered()).containsExactly(other);
        assertThat(applier.position()).isEqualTo(other);

        tallies.failWhen(null);
        assertThat(applier.retryParked(false)).isEqualTo(new ParkedRetry(2, 0));
        assertThat(applier.parked()).isEmpty();
        assertThat(applier.parkedCount()).isZero();
        fixture.assertExactlyOnce(tallies);
    }

    @Test
    void a_restored_applier_continues_from_the_checkpoint_and_still_holds_back_parked_streams() {
        long poison = fixture.increment("c-1", 1);
        tallies.failWhen(commit -> commit.position() == poison);
        CommitApplier before = applier(tallies, PARK);
        before.handle(delivery, commitAt(poison));
        before.saveCheckpoint();
        long behind = fixture.increment("c-1", 2);

        TallyProjection afterRestart = fixture.tallies("tallies");
        CommitApplier restored = applier(afterRestart, PARK);
        restored.restore();

        assertThat(restored.position()).isEqualTo(poison);
        assertThat(restored.savedCheckpoint()).isEqualTo(poison);
        assertThat(restored.parkedCount()).isEqualTo(1);
        restored.handle(delivery, commitAt(behind));
        assertThat(afterRestart.attempts()).isZero();
        assertThat(restored.parked()).extracting(ParkedCommit::position).containsExactly(poison, behind);
    }

    @Test
    void a_reset_forgets_the_checkpoint_the_parked_commits_and_the_read_model() {
        long poison = fixture.increment("c-1", 1);
        long good = fixture.increment("c-2", 2);
        tallies.failWhen(commit -> commit.position() == poison);
        CommitApplier applier = applier(tallies, PARK);
        applier.handle(delivery, commitAt(poison));
        applier.handle(delivery, commitAt(good));
        applier.saveCheckpoint();

        applier.resetCheckpoint();
        applier.resetReadModel();

        assertThat(applier.position()).isZero();
        assertThat(applier.savedCheckpoint()).isZero();
        assertThat(fixture.kv.get(CheckpointStore.key("tallies"))).isEmpty();
        assertThat(applier.parked()).isEmpty();
        assertThat(applier.parkedCount()).isZero();
        assertThat(tallies.resets()).isEqualTo(1);
    }

    /** A delivery that never really waits: it records each retry wait and ends it at once, or cuts it short. */
    private static final class FakeDelivery implements CommitApplier.Delivery {
        final List<Duration> waits = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        boolean current = true;
        boolean cutWaitsShort;
        int progressed;

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public boolean current() {
            return current;
        }

        @Override
        public boolean awaitRetry(long nanos) {
            waits.add(Duration.ofNanos(nanos));
            return !cutWaitsShort;
        }

        @Override
        public void progressed() {
            progressed++;
        }

        @Override
        public void attemptFailed(String error) {
            errors.add(error);
        }
    }
}
