package io.clstr.application.eventsourcing;

import static io.clstr.application.eventsourcing.ProjectionFixture.FAST;
import static io.clstr.application.eventsourcing.ProjectionFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.testkit.CallingThreadExecutor;
import io.clstr.application.actor.testkit.ManualScheduler;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountEvent.Incremented;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProjectionRunnerTest {

    private final ProjectionFixture fixture = new ProjectionFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void awaitLive(ProjectionRunner runner) {
        try {
            runner.live().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("projection " + runner.name() + " did not go live: " + runner.status(), e);
        }
        await().atMost(TIMEOUT).until(() -> runner.status().state() == ProjectionState.LIVE);
    }

    private static long last(List<Long> positions) {
        return positions.get(positions.size() - 1);
    }

    @Nested
    class Following {

        @Test
        void catches_up_on_stored_commits_then_applies_new_ones_live() {
            List<Long> stored = fixture.incrementMany(30, 4);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));

            awaitLive(runner);
            assertThat(tallies.delivered()).containsExactlyElementsOf(stored);
            assertThat(tallies.applied()).allMatch(commit -> !commit.live());

            List<Long> later = fixture.incrementMany(10, 4);
            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 40);
            assertThat(tallies.delivered().subList(30, 40)).containsExactlyElementsOf(later);
            assertThat(tallies.applied().subList(30, 40)).allMatch(ProjectionCommit::live);
            fixture.assertExactlyOnce(tallies);
            assertThat(runner.status().position()).isEqualTo(last(later));
        }

        @Test
        void hands_over_each_commit_decoded_with_its_metadata() {
            long position = fixture.increment("c-1", 5, 7);
            TallyProjection tallies = fixture.tallies("tallies");
            awaitLive(fixture.started(fixture.runner(tallies)));

            ProjectionCommit commit = tallies.applied().get(0);
            assertThat(commit.stream()).isEqualTo(StreamId.of("count", "c-1"));
            assertThat(commit.position()).isEqualTo(position);
            assertThat(commit.firstVersion()).isEqualTo(1);
            assertThat(commit.lastVersion()).isEqualTo(2);
            assertThat(commit.events()).extracting(EventEnvelope::type, EventEnvelope::position, EventEnvelope::event)
                    .containsExactly(
                            tuple("count.incremented.v1", position,
                                    new Incremented(5)),
                            tuple("count.incremented.v1", position,
                                    new Incremented(7)));
        }

        @Test
        void reads_only_the_aggregate_types_it_asks_for() {
            fixture.increment("c-1", 1);
            fixture.append(fixture.memoryStore, StreamId.of("other", "o-1"),
                    List.<Object>of(new Incremented(1)));
            fixture.increment("c-2", 2);
            TallyProjection tallies = fixture.tallies("tallies");
            awaitLive(fixture.started(fixture.runner(tallies)));

            fixture.append(fixture.memoryStore, StreamId.of("other", "o-2"),
                    List.<Object>of(new Incremented(1)));
            fixture.increment("c-3", 3);

            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 3);
            assertThat(tallies.applied()).extracting(commit -> commit.stream().type())
                    .containsOnly(CountAggregate.TYPE);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void a_projection_of_every_type_sees_every_commit() {
            fixture.increment("c-1", 1);
            fixture.append(fixture.memoryStore, StreamId.of("other", "o-1"),
                    List.<Object>of(new Incremented(1)));
            List<String> seen = new CopyOnWriteArrayList<>();
            Projection everything = new Projection() {
                @Override
                public String name() {
                    return "everything";
                }

                @Override
                public Set<AggregateType> aggregateTypes() {
                    return Set.of();
                }

                @Override
                public void apply(ProjectionCommit commit) {
                    seen.add(commit.stream().toString());
                }

                @Override
                public void reset() {
                    seen.clear();
                }
            };
            awaitLive(fixture.started(fixture.runner(everything)));

            assertThat(seen).containsExactly("count/c-1", "other/o-1");
        }

        @Test
        void an_empty_feed_is_live_at_once() {
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));

            awaitLive(runner);
            assertThat(runner.status().position()).isZero();
            assertThat(tallies.attempts()).isZero();
        }
    }

    @Nested
    class Restarts {

        @Test
        void a_restart_resumes_after_the_checkpoint_without_gaps_or_repeats() {
            List<Long> first = fixture.incrementMany(25, 3);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));
            awaitLive(runner);
            runner.stop();

            assertThat(runner.status().state()).isEqualTo(ProjectionState.STOPPED);
            assertThat(runner.status().checkpoint()).isEqualTo(last(first));
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(last(first));

            List<Long> second = fixture.incrementMany(15, 3);
            TallyProjection afterRestart = fixture.tallies("tallies");
            ProjectionRunner restarted = fixture.started(fixture.runner(afterRestart));
            awaitLive(restarted);

            assertThat(afterRestart.delivered()).containsExactlyElementsOf(second);
            fixture.assertExactlyOnce(afterRestart);
        }

        @Test
        void a_crash_between_the_read_model_write_and_the_checkpoint_write_applies_no_event_twice() {
            FaultyKeyValueStore checkpointsDie = new FaultyKeyValueStore(fixture.kv, CheckpointStore.PREFIX);
            List<Long> saved = fixture.incrementMany(10, 3);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .checkpoints(checkpointsDie)
                    .settings(FAST.withCheckpoints(4, Duration.ofHours(1))));
            awaitLive(runner);
            runner.stop();
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(last(saved));

            // The process now writes read-model entries but dies before any checkpoint write lands.
            checkpointsDie.failWrites();
            TallyProjection doomed = fixture.tallies("tallies");
            ProjectionRunner crashing = fixture.started(fixture.runner(doomed)
                    .checkpoints(checkpointsDie)
                    .settings(FAST.withCheckpoints(4, Duration.ofHours(1))));
            List<Long> unsaved = fixture.incrementMany(13, 3);
            await().atMost(TIMEOUT).until(() -> doomed.delivered().size() == 13);
            crashing.stop();
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(last(saved));

            TallyProjection recovered = fixture.tallies("tallies");
            ProjectionRunner restarted = fixture.started(fixture.runner(recovered));
            awaitLive(restarted);

            // The feed delivers the 13 commits again: the read model takes each event once all the same.
            assertThat(recovered.delivered()).containsExactlyElementsOf(unsaved);
            fixture.assertExactlyOnce(recovered);
            assertThat(restarted.status().position()).isEqualTo(last(unsaved));
        }

        @Test
        void checkpoints_are_written_in_batches_and_on_stop() {
            FaultyKeyValueStore counted = new FaultyKeyValueStore(fixture.kv, CheckpointStore.PREFIX);
            List<Long> positions = fixture.incrementMany(25, 5);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .checkpoints(counted)
                    .settings(FAST.withCheckpoints(10, Duration.ofHours(1))));
            awaitLive(runner);

            assertThat(counted.writes()).isEqualTo(2);
            assertThat(runner.status().checkpoint()).isEqualTo(positions.get(19));
            assertThat(runner.status().position()).isEqualTo(positions.get(24));

            runner.stop();
            assertThat(counted.writes()).isEqualTo(3);
            assertThat(runner.status().checkpoint()).isEqualTo(positions.get(24));
        }

        @Test
        void an_idle_projection_saves_its_checkpoint_within_the_interval() {
            List<Long> positions = fixture.incrementMany(3, 2);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withCheckpoints(1000, Duration.ofMillis(20))));

            await().atMost(TIMEOUT).until(() -> new CheckpointStore(fixture.kv).load("tallies") == last(positions));
            assertThat(runner.status().checkpoint()).isEqualTo(last(positions));
        }

        @Test
        void a_checkpoint_store_failure_is_harmless_and_healed_by_the_next_save() {
            FaultyKeyValueStore flaky = new FaultyKeyValueStore(fixture.kv, CheckpointStore.PREFIX);
            flaky.failWrites();
            List<Long> positions = fixture.incrementMany(6, 2);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .checkpoints(flaky)
                    .settings(FAST.withCheckpoints(2, Duration.ofHours(1))));
            awaitLive(runner);
            assertThat(runner.status().checkpoint()).isZero();
            assertThat(runner.status().state()).isEqualTo(ProjectionState.LIVE);

            flaky.healWrites();
            runner.stop();
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(last(positions));
            fixture.assertExactlyOnce(tallies);
        }
    }

    @Nested
    class Operations {

        @Test
        void rebuild_replays_from_zero_into_the_same_read_model() {
            fixture.incrementMany(20, 4);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));
            awaitLive(runner);
            Map<String, TallyProjection.Tally> before = tallies.tallies();
            // Damage the read model as a bug would have: the rebuild must recompute it, not keep it.
            fixture.kv.put(tallies.readModel().key("c-1"), fixture.codec.encode(
                    new TallyProjection.Tally("c-1", -1, List.of(99L), 99)).data());

            runner.rebuild();
            awaitLive(runner);

            assertThat(tallies.resets()).isEqualTo(1);
            assertThat(tallies.tallies()).isEqualTo(before);
            fixture.assertExactlyOnce(tallies);
            assertThat(tallies.delivered()).hasSize(40);

            fixture.incrementMany(5, 4);
            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 45);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void rebuild_also_starts_a_stopped_projection_and_forgets_its_parked_commits() {
            fixture.increment("c-1", 1);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> true);
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.PARK)));
            awaitLive(runner);
            assertThat(runner.parked()).hasSize(1);
            runner.stop();

            tallies.failWhen(null);
            runner.rebuild();
            awaitLive(runner);

            assertThat(runner.parked()).isEmpty();
            assertThat(runner.status().parked()).isZero();
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void pause_stops_applying_until_resume() {
            List<Long> stored = fixture.incrementMany(10, 2);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));
            awaitLive(runner);

            runner.pause();
            assertThat(runner.status().state()).isEqualTo(ProjectionState.PAUSED);
            assertThat(runner.status().checkpoint()).isEqualTo(last(stored));
            List<Long> whilePaused = fixture.incrementMany(5, 2);
            await().during(Duration.ofMillis(200)).atMost(TIMEOUT)
                    .until(() -> tallies.delivered().size() == 10);

            runner.resume();
            awaitLive(runner);
            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 15);
            assertThat(tallies.delivered().subList(10, 15)).containsExactlyElementsOf(whilePaused);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void stop_lets_the_commit_being_applied_finish_and_saves_it() throws Exception {
            List<Long> positions = fixture.incrementMany(5, 2);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.holdAt(positions.get(2));
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withCheckpoints(1000, Duration.ofHours(1))));
            assertThat(tallies.awaitHeld()).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(runner::stop);
            await().during(Duration.ofMillis(100)).atMost(TIMEOUT).until(() -> !stopping.isDone());
            tallies.releaseHeld();
            stopping.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(tallies.delivered()).containsExactlyElementsOf(positions.subList(0, 3));
            assertThat(runner.status().checkpoint()).isEqualTo(positions.get(2));
            assertThat(runner.status().state()).isEqualTo(ProjectionState.STOPPED);
            assertThatThrownBy(() -> runner.live().toCompletableFuture().get(1, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ProjectionFailedException.class);
        }

        @Test
        void operations_refuse_the_states_they_do_not_apply_to() {
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.track(fixture.runner(tallies).build());

            assertThat(runner.status().state()).isEqualTo(ProjectionState.STOPPED);
            assertThatThrownBy(runner::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("STOPPED");
            assertThatThrownBy(runner::resume).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("STOPPED");
            runner.stop(); // stopping a stopped runner is a no-op

            runner.start();
            assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already");
            runner.resume(); // resuming a running runner is a no-op
            runner.pause();
            runner.pause(); // so is pausing a paused one
            assertThat(runner.status().state()).isEqualTo(ProjectionState.PAUSED);
        }

        @Test
        void projection_names_must_be_usable_as_keys_and_labels() {
            for (String bad : List.of("", "Tallies", "a/b", "1st", "with space")) {
                assertThatThrownBy(() -> Projection.requireValidName(bad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projection name");
            }
            assertThatThrownBy(() -> fixture.runner(fixture.tallies("Bad/Name")).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Failures {

        /** A runner on a manual clock, so a test sees each backoff and moves time itself. */
        private ProjectionRunner onManualTime(TallyProjection tallies, ManualScheduler clock,
                ProjectionSettings settings) {
            BackgroundTasks inline = new BackgroundTasks("inline", CallingThreadExecutor.create(), 1, 10,
                    ActorMetrics.NOOP);
            return fixture.started(fixture.runner(tallies).scheduler(clock).background(inline).settings(settings));
        }

        @Test
        void a_poison_commit_is_retried_with_exponential_backoff_then_parked_and_the_rest_goes_on() {
            long good = fixture.increment("c-1", 1);
            long poison = fixture.increment("c-2", 987_654_321);
            long afterIt = fixture.increment("c-3", 3);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> commit.position() == poison);
            ManualScheduler clock = new ManualScheduler();
            ProjectionRunner runner = onManualTime(tallies, clock, ProjectionSettings.defaults()
                    .withFailurePolicy(ProjectionFailurePolicy.PARK)
                    .withRetries(4, Duration.ofMillis(100), Duration.ofMillis(250))
                    .withCheckpoints(1000, Duration.ofHours(1)));

            for (Duration backoff : List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250))) {
                await().atMost(TIMEOUT).until(() -> backoff.equals(clock.untilNext()));
                int attemptsSoFar = tallies.attempts();
                clock.advance(backoff);
                await().atMost(TIMEOUT).until(() -> tallies.attempts() > attemptsSoFar);
            }
            awaitLive(runner);

            assertThat(tallies.delivered()).containsExactly(good, afterIt);
            assertThat(runner.status().parked()).isEqualTo(1);
            assertThat(fixture.metrics.parked("tallies")).isEqualTo(1);
            ParkedCommit parked = runner.parked().get(0);
            assertThat(parked.position()).isEqualTo(poison);
            assertThat(parked.stream()).isEqualTo(StreamId.of("count", "c-2"));
            assertThat(parked.attempts()).isEqualTo(4);
            assertThat(parked.eventTypes()).containsExactly("count.incremented.v1");
            assertThat(parked.error()).contains("IllegalStateException", "injected failure at position " + poison);
            KeyValueEntry stored = fixture.kv.get(ParkedCommits.key("tallies", poison)).orElseThrow();
            assertThat(new String(stored.value(), StandardCharsets.ISO_8859_1)).doesNotContain("987654321");
            assertThat(runner.status().lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("position " + poison, "count/c-2"));
        }

        @Test
        void later_commits_of_a_stream_wait_behind_its_parked_commit_until_retried() {
            long poison = fixture.increment("c-2", 5);
            long behind = fixture.increment("c-2", 6);
            fixture.increment("c-1", 1);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> commit.position() == poison);
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.PARK)));
            awaitLive(runner);

            assertThat(runner.parked()).extracting(ParkedCommit::position, ParkedCommit::attempts)
                    .containsExactly(tuple(poison, 3),
                            tuple(behind, 0));
            assertThat(runner.parked().get(1).error()).contains("waits behind", Long.toString(poison));
            assertThat(tallies.tallies()).containsOnlyKeys("c-1");

            ParkedRetry stillFailing = runner.retryParked();
            assertThat(stillFailing).isEqualTo(new ParkedRetry(0, 2));
            assertThat(runner.parked()).extracting(ParkedCommit::attempts).containsExactly(4, 0);

            tallies.failWhen(null);
            ParkedRetry fixed = runner.retryParked();
            assertThat(fixed).isEqualTo(new ParkedRetry(2, 0));
            assertThat(runner.parked()).isEmpty();
            assertThat(runner.status().parked()).isZero();
            fixture.assertExactlyOnce(tallies);

            fixture.increment("c-2", 7);
            await().atMost(TIMEOUT).until(() -> tallies.tallies().get("c-2").versions().size() == 3);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void parked_commits_survive_a_restart_and_still_hold_back_their_stream() {
            long poison = fixture.increment("c-2", 5);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> commit.position() == poison);
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.PARK)));
            awaitLive(runner);
            runner.stop();

            TallyProjection afterRestart = fixture.tallies("tallies");
            ProjectionRunner restarted = fixture.started(fixture.runner(afterRestart)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.PARK)));
            awaitLive(restarted);
            long behind = fixture.increment("c-2", 6);

            await().atMost(TIMEOUT).until(() -> restarted.parked().size() == 2);
            assertThat(restarted.parked()).extracting(ParkedCommit::position).containsExactly(poison, behind);
            assertThat(afterRestart.attempts()).isZero();

            assertThat(restarted.retryParked()).isEqualTo(new ParkedRetry(2, 0));
            fixture.assertExactlyOnce(afterRestart);
        }

        @Test
        void the_stop_policy_fails_the_projection_at_the_checkpoint_before_the_poison_commit() {
            long good = fixture.increment("c-1", 1);
            long poison = fixture.increment("c-2", 2);
            fixture.increment("c-1", 3);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> commit.position() == poison);
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.STOP)));

            await().atMost(TIMEOUT).until(() -> runner.status().state() == ProjectionState.FAILED);
            ProjectionStatus status = runner.status();
            assertThat(status.position()).isEqualTo(good);
            assertThat(status.checkpoint()).isEqualTo(good);
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(good);
            assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("position " + poison, "injected failure"));
            assertThat(tallies.delivered()).containsExactly(good);
            assertThat(tallies.attempts()).isEqualTo(1 + FAST.maxAttempts());
            assertThatThrownBy(() -> runner.live().toCompletableFuture().get(1, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProjectionFailedException.class);
            assertThat(runner.parked()).isEmpty();
            runner.stop();
            assertThat(runner.status().state()).isEqualTo(ProjectionState.FAILED);

            tallies.failWhen(null);
            runner.start();
            awaitLive(runner);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void stop_cuts_a_retry_wait_short_and_the_commit_is_retried_on_the_next_start() {
            long good = fixture.increment("c-1", 1);
            long poison = fixture.increment("c-1", 2);
            TallyProjection tallies = fixture.tallies("tallies");
            tallies.failWhen(commit -> commit.position() == poison);
            ManualScheduler clock = new ManualScheduler();
            ProjectionRunner runner = onManualTime(tallies, clock, ProjectionSettings.defaults()
                    .withRetries(5, Duration.ofMinutes(1), Duration.ofMinutes(1))
                    .withCheckpoints(1000, Duration.ofHours(1)));
            await().atMost(TIMEOUT).until(() -> Duration.ofMinutes(1).equals(clock.untilNext()));

            runner.stop();
            assertThat(runner.status().state()).isEqualTo(ProjectionState.STOPPED);
            assertThat(runner.status().checkpoint()).isEqualTo(good);

            tallies.failWhen(null);
            runner.start();
            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 2);
            fixture.assertExactlyOnce(tallies);
        }

        @Test
        void an_undecodable_event_goes_through_the_failure_policy() {
            fixture.increment("c-1", 1);
            long unknown = fixture.memoryStore.append(StreamId.of("count", "c-2"), ExpectedVersion.any(),
                    List.of(new EventData("count.exploded.v1", "{}".getBytes(StandardCharsets.UTF_8))))
                    .toCompletableFuture().join().position();
            long malformed = fixture.memoryStore.append(StreamId.of("count", "c-3"), ExpectedVersion.any(),
                    List.of(new EventData("count.incremented.v1", "not json".getBytes(StandardCharsets.UTF_8))))
                    .toCompletableFuture().join().position();
            fixture.increment("c-4", 4);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withFailurePolicy(ProjectionFailurePolicy.PARK)));
            awaitLive(runner);

            assertThat(runner.parked()).extracting(ParkedCommit::position).containsExactly(unknown, malformed);
            assertThat(runner.parked().get(0).error()).contains("UnknownTypeException", "count.exploded.v1");
            assertThat(runner.parked().get(1).error()).contains("CodecException");
            assertThat(tallies.tallies()).containsOnlyKeys("c-1", "c-4");
            assertThat(tallies.attempts()).isEqualTo(2); // undecodable commits never reach the projection
            assertThat(fixture.metrics.events("count.exploded.v1", false, false)).isEqualTo(FAST.maxAttempts());
        }

        @Test
        void a_failing_projection_disturbs_neither_another_projection_nor_its_own_subscription() {
            fixture.incrementMany(10, 3);
            TallyProjection broken = fixture.tallies("broken");
            broken.failWhen(commit -> true);
            TallyProjection healthy = fixture.tallies("healthy");
            ProjectionRunner failing = fixture.started(fixture.runner(broken));
            ProjectionRunner working = fixture.started(fixture.runner(healthy));

            awaitLive(working);
            fixture.incrementMany(5, 3);
            await().atMost(TIMEOUT).until(() -> healthy.delivered().size() == 15);
            await().atMost(TIMEOUT).until(() -> failing.status().state() == ProjectionState.FAILED);

            fixture.assertExactlyOnce(healthy);
            assertThat(broken.tallies()).isEmpty();
            assertThat(fixture.metrics.reconnects("broken")).isZero();
            assertThat(fixture.metrics.reconnects("healthy")).isZero();
            assertThat(working.status().lastError()).isEmpty();
        }

        @Test
        void a_failed_subscription_is_resubscribed_with_backoff_after_the_last_handled_commit() {
            FlakyFeedEventStore flaky = new FlakyFeedEventStore(fixture.memoryStore);
            flaky.failNextSubscribes(2);
            List<Long> positions = new ArrayList<>(fixture.incrementMany(10, 3));
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies).eventStore(flaky));

            awaitLive(runner);
            assertThat(flaky.subscribes()).isEqualTo(3);
            assertThat(fixture.metrics.reconnects("tallies")).isEqualTo(2);
            assertThat(runner.status().lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("unreachable"));

            positions.addAll(fixture.incrementMany(5, 3));
            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 15);
            flaky.breakSubscriptions();
            positions.addAll(fixture.incrementMany(5, 3));

            await().atMost(TIMEOUT).until(() -> tallies.delivered().size() == 20);
            assertThat(tallies.delivered()).containsExactlyElementsOf(positions);
            assertThat(fixture.metrics.reconnects("tallies")).isEqualTo(3);
            fixture.assertExactlyOnce(tallies);
            await().atMost(TIMEOUT).until(() -> runner.status().state() == ProjectionState.LIVE);
        }
    }

    @Nested
    class Metrics {

        @Test
        void lag_drops_to_zero_once_live_and_every_event_is_counted() {
            fixture.incrementMany(40, 4); // 79 events: commits of 1, 2, 3, 1, 2, 3 ...
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));
            awaitLive(runner);
            fixture.increment("c-1", 1, 2);

            await().atMost(TIMEOUT).until(() -> fixture.metrics.lag("tallies") == 0 && runner.status().lag() == 0
                    && tallies.delivered().size() == 41);
            long replayed = fixture.metrics.events("count.incremented.v1", false, true);
            long live = fixture.metrics.events("count.incremented.v1", true, true);
            assertThat(replayed).isEqualTo(79);
            assertThat(live).isEqualTo(2);
            assertThat(fixture.metrics.events("count.incremented.v1", false, false)).isZero();
        }

        @Test
        void status_reports_what_an_operator_needs() {
            List<Long> positions = fixture.incrementMany(3, 1);
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies));
            awaitLive(runner);
            runner.pause();

            assertThat(runner.status()).isEqualTo(new ProjectionStatus("tallies", ProjectionState.PAUSED,
                    last(positions), last(positions), 0, 0, Optional.empty()));
        }
    }

    @Nested
    class Concurrency {

        @Test
        void two_runners_of_one_projection_still_apply_every_event_once() {
            // A second node running the same projection: both read the feed; the read model's compare-and-set
            // keeps every entry exact, and the checkpoint only moves forward.
            fixture.incrementMany(60, 5);
            TallyProjection one = fixture.tallies("tallies");
            TallyProjection two = fixture.tallies("tallies");
            ProjectionRunner first = fixture.started(fixture.runner(one));
            ProjectionRunner second = fixture.started(fixture.runner(two));
            fixture.incrementMany(60, 5);

            await().atMost(TIMEOUT).until(() -> one.delivered().size() == 120 && two.delivered().size() == 120);
            fixture.assertExactlyOnce(one);
            first.stop();
            second.stop();
            Set<Long> all = new HashSet<>(one.delivered());
            assertThat(new CheckpointStore(fixture.kv).load("tallies")).isEqualTo(Collections.max(all));
        }

        @Test
        void operations_racing_the_feed_never_skip_or_repeat_an_event() {
            TallyProjection tallies = fixture.tallies("tallies");
            ProjectionRunner runner = fixture.started(fixture.runner(tallies)
                    .settings(FAST.withCheckpoints(3, Duration.ofMillis(5))));
            Random random = new Random(42);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> fixture.incrementMany(300, 7));
            while (!writer.isDone()) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        runner.pause();
                        runner.resume();
                    }
                    case 1 -> {
                        runner.stop();
                        runner.start();
                    }
                    default -> runner.status();
                }
            }
            writer.join();

            await().atMost(TIMEOUT).untilAsserted(() -> fixture.assertExactlyOnce(tallies));
            List<Long> delivered = tallies.delivered();
            assertThat(new HashSet<>(delivered)).hasSize(delivered.size()); // graceful stops: no redelivery at all
        }
    }

    @Test
    void events_of_another_type_are_not_mistaken_for_count_events() {
        // Regression guard for the filter: another type's stream with a count's id is not delivered.
        fixture.append(fixture.memoryStore, StreamId.of("other", "c-1"),
                List.<Object>of(new Incremented(1)));
        fixture.increment("c-1", 4);
        TallyProjection tallies = fixture.tallies("tallies");
        awaitLive(fixture.started(fixture.runner(tallies)));

        assertThat(tallies.tallies().get("c-1").versions()).containsExactly(1L);
    }
}
