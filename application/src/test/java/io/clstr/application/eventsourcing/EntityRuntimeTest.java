package io.clstr.application.eventsourcing;

import static io.clstr.application.eventsourcing.EntityFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.MailboxFullException;
import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.domain.kernel.testing.CountCommand.Increment;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EntityRuntimeTest {

    private final EntityFixture fixture = new EntityFixture();
    private final EntityRuntime<CountCommand, CountEvent, Count> counters =
            fixture.runtime(new CountAggregate(), EntitySettings.defaults().withSnapshotEvery(0));

    @AfterEach
    void close() {
        fixture.close();
    }

    private CommandResult<Count> increment(String id, long amount, String commandId) {
        return join(counters.execute(CommandRequest.of(id, new Increment(amount), commandId), TIMEOUT));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private List<RecordedEvent> stream(String type, String id) {
        return join(fixture.memoryStore.readStream(StreamId.of(type, id), 1));
    }

    @Nested
    class Commands {

        @Test
        void accepted_commands_store_their_events_and_reply_with_the_new_state() {
            CommandResult<Count> first = increment("c-1", 2, "cmd-1");
            CommandResult<Count> second = increment("c-1", 3, "cmd-2");

            assertThat(first).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 2), 1, false));
            assertThat(second).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 2, false));
            assertThat(stream("count", "c-1")).extracting(RecordedEvent::version, e -> e.metadata().get("command-id"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "cmd-1"),
                            org.assertj.core.groups.Tuple.tuple(2L, "cmd-2"));
        }

        @Test
        void a_rejected_command_stores_nothing_and_says_why() {
            CommandResult<Count> result = increment("c-1", 0, "cmd-1");

            assertThat(result).isInstanceOfSatisfying(CommandResult.Rejected.class, rejected ->
                    assertThat(rejected.rejection().code()).isEqualTo(CountAggregate.INVALID_AMOUNT));
            assertThat(stream("count", "c-1")).isEmpty();
        }

        @Test
        void a_stale_expected_version_is_reported_and_changes_nothing() {
            increment("c-1", 1, "cmd-1");

            CommandResult<Count> result = join(counters.execute(
                    new CommandRequest<>("c-1", new Increment(1), "cmd-2", OptionalLong.of(0)), TIMEOUT));

            assertThat(result).isEqualTo(new CommandResult.VersionMismatch<>(0, 1));
            assertThat(stream("count", "c-1")).hasSize(1);
        }

        @Test
        void the_state_read_includes_every_acknowledged_command() {
            increment("c-1", 4, "cmd-1");
            increment("c-1", 6, "cmd-2");

            assertThat(join(counters.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 10), 2));
            assertThat(join(counters.state("never-used", TIMEOUT)).exists()).isFalse();
        }

        @Test
        void an_entity_recovers_events_written_before_it_was_active() {
            Encoded event = fixture.codec.encode(new CountEvent.Incremented(40));
            join(fixture.memoryStore.append(StreamId.of("count", "c-9"), ExpectedVersion.noStream(),
                    List.of(new EventData(event.type(), event.data()), new EventData(event.type(), event.data()))));

            assertThat(increment("c-9", 2, "cmd-1")).isEqualTo(new CommandResult.Accepted<>(new Count("c-9", 82), 3, false));
        }

        @Test
        void a_full_entity_queue_is_a_typed_error() {
            EntityRuntime<CountCommand, CountEvent, Count> small = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withMailboxCapacity(4).withSnapshotEvery(0));
            fixture.store.hold();
            List<CompletableFuture<CommandResult<Count>>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(small.execute(CommandRequest.of("busy", new Increment(1), "cmd-" + i), TIMEOUT)
                        .toCompletableFuture());
            }
            await().atMost(TIMEOUT).until(() -> replies.stream().filter(CompletableFuture::isDone).count() >= 8);
            fixture.store.release();

            long full = replies.stream().filter(reply -> reply.handle((r, e) -> e != null
                    && unwrap(e) instanceof MailboxFullException).join()).count();
            assertThat(full).isGreaterThanOrEqualTo(8);
        }
    }

    @Nested
    class ExactlyOnce {

        @Test
        void a_repeated_command_id_returns_the_first_outcome_and_appends_nothing() {
            increment("c-1", 2, "cmd-1");
            increment("c-1", 3, "cmd-2");

            CommandResult<Count> repeated = increment("c-1", 2, "cmd-2");

            assertThat(repeated).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 2, true));
            assertThat(stream("count", "c-1")).hasSize(2);
        }

        @Test
        void an_older_repeated_command_gets_the_state_right_after_it() {
            increment("c-1", 2, "cmd-1");
            increment("c-1", 3, "cmd-2");

            assertThat(increment("c-1", 2, "cmd-1"))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 2), 1, true));
        }

        @Test
        void a_repeated_rejected_command_returns_its_rejection() {
            increment("c-1", 0, "bad");

            assertThat(increment("c-1", 0, "bad")).isInstanceOfSatisfying(CommandResult.Rejected.class,
                    rejected -> assertThat(rejected.repeated()).isTrue());
        }

        @Test
        void a_command_repeated_after_passivation_and_recovery_appends_nothing() {
            increment("c-1", 2, "cmd-1");
            increment("c-1", 3, "cmd-2");
            join(counters.passivate(id -> true));
            assertThat(counters.isActive("c-1")).isFalse();

            assertThat(increment("c-1", 3, "cmd-2"))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 2, true));
            assertThat(stream("count", "c-1")).hasSize(2);
        }

        @Test
        void a_retry_behind_more_newer_commands_than_the_window_holds_still_appends_nothing() {
            // A busy entity accepts many commands while one client waits to retry: the retention, not the
            // count, decides how long its command id is remembered, also across passivation and recovery.
            EntityRuntime<CountCommand, CountEvent, Count> busy = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0).withCommandWindow(4));
            join(busy.execute(CommandRequest.of("busy", new Increment(5), "first"), TIMEOUT));
            for (int i = 0; i < 20; i++) {
                join(busy.execute(CommandRequest.of("busy", new Increment(1), "later-" + i), TIMEOUT));
            }

            assertThat(join(busy.execute(CommandRequest.of("busy", new Increment(5), "first"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("busy", 5), 1, true));
            join(busy.passivate(id -> true));
            assertThat(join(busy.execute(CommandRequest.of("busy", new Increment(5), "first"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("busy", 5), 1, true));
            assertThat(stream("count", "busy")).hasSize(21);
        }

        @Test
        void a_command_repeated_while_its_first_attempt_is_in_flight_shares_its_outcome() {
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = counters
                    .execute(CommandRequest.of("c-1", new Increment(7), "same"), TIMEOUT).toCompletableFuture();
            CompletableFuture<CommandResult<Count>> retry = counters
                    .execute(CommandRequest.of("c-1", new Increment(7), "same"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            fixture.store.release();

            assertThat(first.join()).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 7), 1, false));
            assertThat(retry.join()).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 7), 1, true));
            assertThat(stream("count", "c-1")).hasSize(1);
        }
    }

    @Nested
    class GroupCommit {

        @Test
        void commands_arriving_during_an_append_are_committed_together_and_answered_one_by_one() {
            increment("hot", 1, "warm-up");
            int appendsBefore = fixture.store.appends();
            fixture.store.hold();
            List<CompletableFuture<CommandResult<Count>>> replies = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                replies.add(counters.execute(CommandRequest.of("hot", new Increment(i), "cmd-" + i), TIMEOUT)
                        .toCompletableFuture());
            }
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            fixture.store.release();

            Set<Long> versions = new HashSet<>();
            for (int i = 1; i <= 50; i++) {
                CommandResult.Accepted<Count> accepted = (CommandResult.Accepted<Count>) replies.get(i - 1).join();
                versions.add(accepted.version());
                // Each reply shows the state right after its own command: 1 + (1 + 2 + ... + i).
                assertThat(accepted.state().value()).isEqualTo(1 + (long) i * (i + 1) / 2);
                assertThat(accepted.version()).isEqualTo(1 + i);
            }
            assertThat(versions).hasSize(50);
            assertThat(fixture.store.appends() - appendsBefore).isLessThan(50).isGreaterThanOrEqualTo(2);
            assertThat(stream("count", "hot")).hasSize(51);
        }

        @Test
        void a_rejected_command_inside_a_batch_affects_only_itself() {
            increment("hot", 1, "warm-up");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = counters
                    .execute(CommandRequest.of("hot", new Increment(1), "a"), TIMEOUT).toCompletableFuture();
            CompletableFuture<CommandResult<Count>> bad = counters
                    .execute(CommandRequest.of("hot", new Increment(-5), "b"), TIMEOUT).toCompletableFuture();
            CompletableFuture<CommandResult<Count>> third = counters
                    .execute(CommandRequest.of("hot", new Increment(10), "c"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(bad::isDone);
            fixture.store.release();

            assertThat(bad.join()).isInstanceOf(CommandResult.Rejected.class);
            assertThat(first.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 2), 2, false));
            assertThat(third.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 12), 3, false));
        }

        @Test
        void concurrent_load_on_one_key_produces_fewer_appends_than_commands_and_no_lost_update() throws Exception {
            EntityRuntime<CountCommand, CountEvent, Count> counters = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withMailboxCapacity(8192).withSnapshotEvery(0));
            ControllableEventStore slow = fixture.store;
            int threads = 8;
            int perThread = 500;
            List<Thread> senders = new ArrayList<>();
            List<CompletableFuture<CommandResult<Count>>> replies = java.util.Collections.synchronizedList(new ArrayList<>());
            int before = slow.appends();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        replies.add(counters.execute(CommandRequest.of("hot", new Increment(1), thread + "-" + i),
                                Duration.ofSeconds(30)).toCompletableFuture());
                    }
                }));
            }
            fixture.store.hold();
            senders.forEach(Thread::start);
            for (Thread sender : senders) {
                sender.join();
            }
            fixture.store.release();
            CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).join();

            assertThat(join(counters.state("hot", TIMEOUT)).state().value()).isEqualTo(threads * perThread);
            assertThat(slow.appends() - before).isLessThan(threads * perThread);
        }
    }

    @Nested
    class Conflicts {

        @Test
        void a_conflict_with_another_writer_is_retried_against_fresh_state() {
            increment("c-1", 1, "cmd-1");
            Encoded event = fixture.codec.encode(new CountEvent.Incremented(100));
            join(fixture.memoryStore.append(StreamId.of("count", "c-1"), ExpectedVersion.exactly(1),
                    List.of(new EventData(event.type(), event.data()))));

            assertThat(increment("c-1", 1, "cmd-2"))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 102), 3, false));
        }

        @Test
        void without_retries_a_conflict_fails_the_command_and_the_next_one_sees_fresh_state() {
            EntityRuntime<CountCommand, CountEvent, Count> strict = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withConflictRetries(0).withSnapshotEvery(0));
            join(strict.execute(CommandRequest.of("c-2", new Increment(1), "cmd-1"), TIMEOUT));
            Encoded event = fixture.codec.encode(new CountEvent.Incremented(100));
            join(fixture.memoryStore.append(StreamId.of("count", "c-2"), ExpectedVersion.exactly(1),
                    List.of(new EventData(event.type(), event.data()))));

            assertThatThrownBy(() -> join(strict.execute(CommandRequest.of("c-2", new Increment(1), "cmd-2"), TIMEOUT)))
                    .hasCauseInstanceOf(ConcurrencyConflictException.class);
            assertThat(join(strict.execute(CommandRequest.of("c-2", new Increment(1), "cmd-3"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-2", 102), 3, false));
        }

        @Test
        void a_failed_append_fails_its_commands_and_the_entity_carries_on() {
            increment("c-1", 1, "cmd-1");
            fixture.store.failNextAppend(new EventStoreException("store unavailable"));

            assertThatThrownBy(() -> increment("c-1", 1, "cmd-2")).hasCauseInstanceOf(EventStoreException.class);
            assertThat(increment("c-1", 5, "cmd-3")).isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 6), 2, false));
        }
    }

    @Nested
    class Passivation {

        @Test
        void idle_entities_are_passivated() {
            EntityRuntime<CountCommand, CountEvent, Count> quick = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withIdleTimeout(Duration.ofMillis(200)).withSnapshotEvery(0));
            join(quick.execute(CommandRequest.of("c-1", new Increment(1), "cmd-1"), TIMEOUT));
            assertThat(quick.activeCount()).isEqualTo(1);

            await().atMost(TIMEOUT).until(() -> quick.activeCount() == 0);
            assertThat(join(quick.state("c-1", TIMEOUT)).state().value()).isEqualTo(1);
        }

        @Test
        void the_active_entity_cap_keeps_memory_and_threads_bounded_over_many_keys() {
            EntityRuntime<CountCommand, CountEvent, Count> capped = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withMaxActiveEntities(1000).withSnapshotEvery(0));
            List<CompletableFuture<?>> window = new ArrayList<>();
            int threadsBefore = -1;
            for (int i = 0; i < 100_000; i++) {
                if (i == 5_000) {
                    // Pools start their threads lazily: count them once they are warm.
                    threadsBefore = Thread.activeCount();
                }
                window.add(capped.execute(CommandRequest.of("k-" + i, new Increment(1), "c-" + i), TIMEOUT)
                        .toCompletableFuture());
                if (window.size() == 256) {
                    CompletableFuture.allOf(window.toArray(new CompletableFuture<?>[0])).join();
                    window.clear();
                }
            }
            CompletableFuture.allOf(window.toArray(new CompletableFuture<?>[0])).join();

            await().atMost(TIMEOUT).until(() -> capped.activeCount() <= 1000);
            await().atMost(TIMEOUT).until(() -> fixture.actors.actorCount() <= 1000);
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
            assertThat(join(capped.state("k-7", TIMEOUT)).state().value()).isEqualTo(1);
        }
    }

    @Nested
    class Snapshots {

        @Test
        void recovery_uses_the_snapshot_and_the_tail() {
            EntityRuntime<CountCommand, CountEvent, Count> snapshotting = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(10));
            for (int i = 1; i <= 25; i++) {
                join(snapshotting.execute(CommandRequest.of("c-1", new Increment(i), "cmd-" + i), TIMEOUT));
            }
            await().atMost(TIMEOUT).until(() -> fixture.snapshots.load(StreamId.of("count", "c-1"))
                    .map(s -> s.version() == 20).orElse(false));
            join(snapshotting.passivate(id -> true));

            assertThat(join(snapshotting.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 325), 25));
            // The command window survives through the snapshot: cmd-3 is older than the tail.
            assertThat(join(snapshotting.execute(CommandRequest.of("c-1", new Increment(3), "cmd-3"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 6), 3, true));
        }

        @Test
        void a_snapshot_of_another_schema_version_is_ignored() {
            EntityRuntime<CountCommand, CountEvent, Count> v1 = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(1));
            join(v1.execute(CommandRequest.of("c-1", new Increment(5), "cmd-1"), TIMEOUT));
            await().atMost(TIMEOUT).until(() -> fixture.snapshots.load(StreamId.of("count", "c-1")).isPresent());
            join(v1.passivate(id -> true));
            EntityRuntime<CountCommand, CountEvent, Count> v2 = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0).withSnapshotSchemaVersion(2));

            assertThat(join(v2.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 5), 1));
        }

        @Test
        void snapshot_plus_tail_equals_full_replay_for_random_histories() {
            EntityRuntime<CountCommand, CountEvent, Count> snapshotting = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(3));
            EntityRuntime<CountCommand, CountEvent, Count> unsnapshotted = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0).withSnapshotSchemaVersion(99));
            java.util.Random random = new java.util.Random(11);
            for (int history = 0; history < 30; history++) {
                String id = "h-" + history;
                int length = 1 + random.nextInt(25);
                for (int step = 0; step < length; step++) {
                    // Some refused amounts, and some retries of an earlier command id, between the increments.
                    long amount = random.nextInt(10) - 2;
                    String commandId = id + "-" + (random.nextInt(5) == 0 ? random.nextInt(step + 1) : step);
                    join(snapshotting.execute(CommandRequest.of(id, new Increment(amount), commandId), TIMEOUT));
                }
            }
            await().atMost(TIMEOUT).until(() -> fixture.background.running() == 0 && fixture.background.queued() == 0);
            join(snapshotting.passivate(id -> true));
            for (int history = 0; history < 30; history++) {
                String id = "h-" + history;
                Versioned<Count> fromSnapshot = join(snapshotting.state(id, TIMEOUT));
                Versioned<Count> fullReplay = join(unsnapshotted.state(id, TIMEOUT));
                assertThat(fromSnapshot).as("history %s", id).isEqualTo(fullReplay);
            }
        }
    }

    @Nested
    class TimeTravel {

        @Test
        void state_at_a_version_and_history_read_the_stream() {
            increment("c-1", 2, "cmd-1");
            increment("c-1", 3, "cmd-2");
            increment("c-1", 4, "cmd-3");

            assertThat(join(counters.history().stateAt("c-1", 2))).contains(new Versioned<>(new Count("c-1", 5), 2));
            assertThat(join(counters.history().stateAt("c-1", 4))).isEmpty();
            assertThat(join(counters.history().events("c-1"))).extracting(EventEnvelope::version, EventEnvelope::commandId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "cmd-1"),
                            org.assertj.core.groups.Tuple.tuple(2L, "cmd-2"),
                            org.assertj.core.groups.Tuple.tuple(3L, "cmd-3"));
        }

        @Test
        void state_as_of_an_instant_folds_the_events_recorded_until_then() {
            increment("c-1", 2, "cmd-1");
            Instant between = join(counters.history().events("c-1")).get(0).recordedAt();
            await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(between.plusMillis(2)));
            increment("c-1", 3, "cmd-2");

            assertThat(join(counters.history().stateAsOf("c-1", between))).contains(new Versioned<>(new Count("c-1", 2), 1));
            assertThat(join(counters.history().stateAsOf("c-1", between.minusSeconds(60)))).isEmpty();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
