package io.clstr.application.eventsourcing;

import static io.clstr.application.eventsourcing.EntityFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.MailboxFullException;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Decision;
import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.domain.kernel.testing.CountCommand.Increment;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.VersionNotFoundException;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemorySnapshotStore;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
                    && StageFailures.causeOf(e) instanceof MailboxFullException).join()).count();
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
            increment("c-1", 1, "good");
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
        void an_older_repeat_is_answered_by_replaying_from_a_kept_state_not_from_the_first_event() {
            // A retention of 160 ms keeps a state at most every 10 ms.
            EntityRuntime<CountCommand, CountEvent, Count> busy = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0).withCommandRetention(Duration.ofMillis(160)));
            for (int i = 1; i <= 40; i++) {
                join(busy.execute(CommandRequest.of("busy", new Increment(1), "cmd-" + i), TIMEOUT));
                await().pollDelay(Duration.ofMillis(i == 30 ? 20 : 0)).until(() -> true);
            }
            long readBefore = fixture.store.eventsRead();

            assertThat(join(busy.execute(CommandRequest.of("busy", new Increment(1), "cmd-35"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("busy", 35), 35, true));
            assertThat(fixture.store.eventsRead() - readBefore).as("events read to answer the repeat")
                    .isLessThanOrEqualTo(5);
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
    class ReusedCommandIds {

        private static final long ADD_TWO = 2;
        private static final long ADD_THREE = 3;

        private CompletableFuture<CommandResult<Count>> send(EntityRuntime<CountCommand, CountEvent, Count> runtime,
                long amount, String commandId) {
            // The fingerprint stands for what the client asked; here, the amount.
            return runtime.execute(new CommandRequest<>("c-1", new Increment(amount), commandId, OptionalLong.empty(),
                    RequestFingerprint.of("increment", amount)), TIMEOUT).toCompletableFuture();
        }

        @Test
        void an_id_reused_for_a_different_request_is_refused_and_the_first_outcome_stands() {
            assertThat(send(counters, ADD_TWO, "key").join()).isEqualTo(
                    new CommandResult.Accepted<>(new Count("c-1", 2), 1, false));

            assertThatThrownBy(() -> send(counters, ADD_THREE, "key").join())
                    .hasCauseInstanceOf(CommandIdReusedException.class);
            assertThat(send(counters, ADD_TWO, "key").join()).isEqualTo(
                    new CommandResult.Accepted<>(new Count("c-1", 2), 1, true));
            assertThat(stream("count", "c-1")).hasSize(1);
        }

        @Test
        void a_rejected_request_binds_its_id_too() {
            increment("c-1", 1, "first");
            send(counters, 0, "key").join();

            assertThatThrownBy(() -> send(counters, ADD_TWO, "key").join())
                    .hasCauseInstanceOf(CommandIdReusedException.class);
            assertThat(stream("count", "c-1")).hasSize(1);
        }

        @Test
        void the_binding_survives_passivation_through_the_events_and_through_snapshots() {
            EntityRuntime<CountCommand, CountEvent, Count> snapshotting = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(2));
            send(snapshotting, ADD_TWO, "in-snapshot").join();
            send(snapshotting, ADD_TWO, "also-in-snapshot").join();
            await().atMost(TIMEOUT).until(() -> fixture.snapshots.load(StreamId.of("count", "c-1")).isPresent());
            send(snapshotting, ADD_TWO, "in-tail").join();
            join(snapshotting.passivate(id -> true));

            assertThat(stream("count", "c-1")).allSatisfy(event ->
                    assertThat(event.metadata()).containsKey(EventEnvelope.COMMAND_FINGERPRINT));
            for (String key : List.of("in-snapshot", "in-tail")) {
                assertThatThrownBy(() -> send(snapshotting, ADD_THREE, key).join()).as(key)
                        .hasCauseInstanceOf(CommandIdReusedException.class);
                assertThat(send(snapshotting, ADD_TWO, key).join()).as(key)
                        .isInstanceOfSatisfying(CommandResult.Accepted.class, a -> assertThat(a.repeated()).isTrue());
            }
        }

        @Test
        void a_different_request_behind_the_first_attempt_in_flight_waits_for_it_and_shares_its_failure() {
            increment("c-1", 1, "warm-up");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = send(counters, ADD_TWO, "key");
            CompletableFuture<CommandResult<Count>> other = send(counters, ADD_THREE, "key");
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            join(counters.state("c-1", TIMEOUT));
            assertThat(other).isNotDone();

            fixture.store.failHeld(new EventStoreException("store unavailable"));

            assertThatThrownBy(first::join).hasCauseInstanceOf(EventStoreException.class);
            assertThatThrownBy(other::join).as("the key is free again: the client retries")
                    .hasCauseInstanceOf(EventStoreException.class);
            assertThat(send(counters, ADD_THREE, "key").join()).isEqualTo(
                    new CommandResult.Accepted<>(new Count("c-1", 4), 2, false));
        }

        @Test
        void a_different_request_behind_the_first_attempt_in_flight_is_refused_once_the_first_is_stored() {
            increment("c-1", 1, "warm-up");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = send(counters, ADD_TWO, "key");
            CompletableFuture<CommandResult<Count>> other = send(counters, ADD_THREE, "key");
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            fixture.store.release();

            assertThat(first.join()).isInstanceOf(CommandResult.Accepted.class);
            assertThatThrownBy(other::join).hasCauseInstanceOf(CommandIdReusedException.class);
        }

        @Test
        void requests_without_a_fingerprint_are_not_checked() {
            increment("c-1", 2, "key");

            assertThat(send(counters, ADD_THREE, "key").join()).isEqualTo(
                    new CommandResult.Accepted<>(new Count("c-1", 2), 1, true));
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
            replies.add(counters.execute(CommandRequest.of("hot", new Increment(1), "cmd-1"), TIMEOUT)
                    .toCompletableFuture());
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            for (int i = 2; i <= 50; i++) {
                replies.add(counters.execute(CommandRequest.of("hot", new Increment(i), "cmd-" + i), TIMEOUT)
                        .toCompletableFuture());
            }
            // A read is answered after the messages before it: by then the 49 are decided and wait for the append.
            join(counters.state("hot", TIMEOUT));
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
            assertThat(fixture.store.appends() - appendsBefore).as("cmd-1, then the 49 that came during its append")
                    .isEqualTo(2);
            assertThat(stream("count", "hot")).hasSize(51);
        }

        @Test
        void commands_waiting_in_the_mailbox_share_an_append_even_with_a_store_that_answers_at_once() {
            BlockingEventStore blocking = new BlockingEventStore(fixture.memoryStore);
            EntityRuntime<CountCommand, CountEvent, Count> runtime = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0), blocking);
            join(runtime.execute(CommandRequest.of("hot", new Increment(1), "warm-up"), TIMEOUT));
            long versionBefore = join(runtime.state("hot", TIMEOUT)).version();
            blocking.blockNextAppend();
            List<CompletableFuture<CommandResult<Count>>> replies = new ArrayList<>();
            replies.add(runtime.execute(CommandRequest.of("hot", new Increment(1), "first"), TIMEOUT)
                    .toCompletableFuture());
            blocking.awaitBlocked();
            // The actor's thread is inside the first append: these wait in its mailbox.
            for (int i = 1; i <= 20; i++) {
                replies.add(runtime.execute(CommandRequest.of("hot", new Increment(1), "queued-" + i), TIMEOUT)
                        .toCompletableFuture());
            }
            blocking.unblock();

            replies.forEach(reply -> assertThat(reply).succeedsWithin(TIMEOUT));
            List<RecordedEvent> events = join(fixture.memoryStore.readStream(StreamId.of("count", "hot"),
                    versionBefore + 1, Long.MAX_VALUE));
            assertThat(events).hasSize(21);
            assertThat(events.stream().map(RecordedEvent::position).distinct())
                    .as("the first command's append, then one for the twenty that waited").hasSize(2);
        }

        @Test
        void with_a_store_that_answers_later_a_command_is_appended_at_once_though_others_wait() {
            GatedCountAggregate gated = new GatedCountAggregate();
            EntityRuntime<CountCommand, CountEvent, Count> runtime = fixture.runtime(gated,
                    EntitySettings.defaults().withSnapshotEvery(0));
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> warmUp = runtime
                    .execute(CommandRequest.of("hot", new Increment(1), "warm-up"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            fixture.store.release();
            fixture.store.hold();
            join(warmUp);
            int appendsBefore = fixture.store.appends();

            gated.closeGate();
            List<CompletableFuture<CommandResult<Count>>> replies = new ArrayList<>();
            replies.add(runtime.execute(CommandRequest.of("hot", new Increment(1), "first"), TIMEOUT)
                    .toCompletableFuture());
            gated.awaitWaiting();
            // The actor's thread is deciding the first command: these wait in its mailbox.
            for (int i = 1; i <= 5; i++) {
                replies.add(runtime.execute(CommandRequest.of("hot", new Increment(1), "queued-" + i), TIMEOUT)
                        .toCompletableFuture());
            }
            gated.openGate();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            // Nothing gathers behind an append that has not returned: what waits joins the next one.
            join(runtime.state("hot", TIMEOUT));
            fixture.store.release();

            replies.forEach(reply -> assertThat(reply).succeedsWithin(TIMEOUT));
            assertThat(fixture.store.appends() - appendsBefore).as("the first command alone, then the five")
                    .isEqualTo(2);
            assertThat(((CommandResult.Accepted<Count>) join(replies.get(0))).version()).isEqualTo(2);
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
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            fixture.store.release();

            assertThat(bad.join()).isInstanceOf(CommandResult.Rejected.class);
            assertThat(first.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 2), 2, false));
            assertThat(third.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 12), 3, false));
        }

        @Test
        void a_rejection_decided_against_pending_events_is_answered_only_once_they_are_stored() {
            increment("hot", 1, "warm-up");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = counters
                    .execute(CommandRequest.of("hot", new Increment(1), "a"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            CompletableFuture<CommandResult<Count>> bad = counters
                    .execute(CommandRequest.of("hot", new Increment(-5), "b"), TIMEOUT).toCompletableFuture();
            join(counters.state("hot", TIMEOUT));

            assertThat(bad).isNotDone();
            fixture.store.release();

            assertThat(first.join()).isInstanceOf(CommandResult.Accepted.class);
            assertThat(bad.join()).as("answered at the version its batch reached").isInstanceOfSatisfying(
                    CommandResult.Rejected.class, rejected -> assertThat(rejected.version()).isEqualTo(2));
        }

        @Test
        void a_version_mismatch_against_pending_events_is_decided_again_when_their_append_fails() {
            increment("hot", 1, "warm-up");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> first = counters
                    .execute(CommandRequest.of("hot", new Increment(1), "a"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);
            CompletableFuture<CommandResult<Count>> atVersionOne = counters.execute(
                    new CommandRequest<>("hot", new Increment(7), "b", OptionalLong.of(1)), TIMEOUT).toCompletableFuture();
            CompletableFuture<CommandResult<Count>> rejected = counters
                    .execute(CommandRequest.of("hot", new Increment(0), "c"), TIMEOUT).toCompletableFuture();
            join(counters.state("hot", TIMEOUT));

            assertThat(atVersionOne).as("version 2 is only pending").isNotDone();
            assertThat(rejected).isNotDone();
            fixture.store.failHeld(new EventStoreException("store unavailable"));

            assertThatThrownBy(first::join).hasCauseInstanceOf(EventStoreException.class);
            assertThat(atVersionOne.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 8), 2, false));
            assertThat(rejected.join()).isInstanceOfSatisfying(CommandResult.Rejected.class,
                    refusal -> assertThat(refusal.version()).isEqualTo(2));
            assertThat(stream("count", "hot")).hasSize(2);
        }

        /** A store that takes three increments (of 1, with 6-character command ids) per append, not four. */
        private ControllableEventStore storeTakingThreeIncrements() {
            Encoded event = fixture.codec.encode(new CountEvent.Incremented(1));
            long eventBytes = new EventData(event.type(), event.data(), Map.of(EventEnvelope.COMMAND_ID, "cmd-01")).size();
            return new ControllableEventStore(new InMemoryEventStore(Clock.systemUTC(), 3 * eventBytes + eventBytes / 2));
        }

        @Test
        void batches_stay_within_the_bytes_one_append_may_carry() {
            ControllableEventStore small = storeTakingThreeIncrements();
            EntityRuntime<CountCommand, CountEvent, Count> runtime = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0), small);
            join(runtime.execute(CommandRequest.of("hot", new Increment(1), "cmd-00"), TIMEOUT));
            int appendsBefore = small.appends();
            small.hold();
            List<CompletableFuture<CommandResult<Count>>> replies = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                replies.add(runtime.execute(CommandRequest.of("hot", new Increment(1), String.format("cmd-%02d", i)),
                        TIMEOUT).toCompletableFuture());
                if (i == 1) {
                    await().atMost(TIMEOUT).until(() -> small.heldCount() == 1);
                }
            }
            join(runtime.state("hot", TIMEOUT));
            small.release();

            for (int i = 1; i <= 12; i++) {
                assertThat(replies.get(i - 1).join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 1 + i),
                        1 + i, false));
            }
            // The first alone (in flight), then the eleven behind it in batches of at most three.
            assertThat(small.appends() - appendsBefore).isEqualTo(1 + 4);
        }

        @Test
        void a_command_too_large_for_one_append_is_refused_alone_and_its_neighbours_commit() {
            ControllableEventStore small = storeTakingThreeIncrements();
            EntityRuntime<CountCommand, CountEvent, Count> runtime = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(0), small);
            join(runtime.execute(CommandRequest.of("hot", new Increment(1), "cmd-00"), TIMEOUT));
            small.hold();
            CompletableFuture<CommandResult<Count>> before = runtime
                    .execute(CommandRequest.of("hot", new Increment(1), "cmd-01"), TIMEOUT).toCompletableFuture();
            // Its events carry its id: this one's alone is larger than an append may be.
            CompletableFuture<CommandResult<Count>> large = runtime
                    .execute(CommandRequest.of("hot", new Increment(1), "x".repeat(1000)), TIMEOUT).toCompletableFuture();
            CompletableFuture<CommandResult<Count>> after = runtime
                    .execute(CommandRequest.of("hot", new Increment(1), "cmd-03"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> small.heldCount() == 1);
            small.release();

            assertThatThrownBy(large::join).hasCauseInstanceOf(CommandTooLargeException.class);
            assertThat(before.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 2), 2, false));
            assertThat(after.join()).isEqualTo(new CommandResult.Accepted<>(new Count("hot", 3), 3, false));
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
        void reads_and_refused_commands_of_ids_without_events_keep_no_entity() {
            int actorsBefore = fixture.actors.actorCount();
            for (int i = 0; i < 200; i++) {
                assertThat(join(counters.state("missing-" + i, TIMEOUT)).exists()).isFalse();
                assertThat(increment("refused-" + i, 0, "cmd-" + i)).isInstanceOf(CommandResult.Rejected.class);
            }

            await().atMost(TIMEOUT).until(() -> counters.activeCount() == 0);
            await().atMost(TIMEOUT).until(() -> fixture.actors.actorCount() == actorsBefore);
            assertThat(increment("missing-7", 5, "now-it-exists"))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("missing-7", 5), 1, false));
            assertThat(counters.isActive("missing-7")).isTrue();
        }

        @Test
        void a_passivated_entity_leaves_at_once_and_the_next_request_recovers_a_fresh_one_while_the_old_finishes() {
            increment("e", 1, "cmd-1");
            fixture.store.hold();
            CompletableFuture<CommandResult<Count>> inFlight = counters
                    .execute(CommandRequest.of("e", new Increment(10), "cmd-2"), TIMEOUT).toCompletableFuture();
            await().atMost(TIMEOUT).until(() -> fixture.store.heldCount() == 1);

            CompletableFuture<Void> passivated = counters.passivate(id -> id.equals("e")).toCompletableFuture();

            assertThat(counters.isActive("e")).isFalse();
            assertThat(join(counters.state("e", TIMEOUT))).as("a fresh entity, recovered from the store")
                    .isEqualTo(new Versioned<>(new Count("e", 1), 1));
            assertThat(counters.isActive("e")).isTrue();
            assertThat(passivated).as("the old actor still appends").isNotDone();

            fixture.store.release();

            assertThat(inFlight.join()).isEqualTo(new CommandResult.Accepted<>(new Count("e", 11), 2, false));
            assertThat(passivated).succeedsWithin(TIMEOUT);
            assertThat(increment("e", 100, "cmd-3")).as("the fresh entity catches up on its first conflict")
                    .isEqualTo(new CommandResult.Accepted<>(new Count("e", 111), 3, false));
        }

        @Test
        void a_passivation_is_not_lost_when_the_entity_mailbox_is_full() {
            BlockingEventStore blocking = new BlockingEventStore(fixture.memoryStore);
            EntityRuntime<CountCommand, CountEvent, Count> small = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withMailboxCapacity(4).withSnapshotEvery(0), blocking);
            join(small.execute(CommandRequest.of("busy", new Increment(1), "warm-up"), TIMEOUT));
            blocking.blockNextAppend();
            List<CompletableFuture<CommandResult<Count>>> sent = new ArrayList<>();
            sent.add(small.execute(CommandRequest.of("busy", new Increment(1), "blocked"), TIMEOUT).toCompletableFuture());
            blocking.awaitBlocked();
            // The actor's thread is stuck in the append: what follows stays in its mailbox, until it is full.
            for (int i = 0; sent.stream().noneMatch(reply -> isMailboxFull(reply)); i++) {
                sent.add(small.execute(CommandRequest.of("busy", new Increment(1), "queued-" + i), TIMEOUT)
                        .toCompletableFuture());
            }

            CompletableFuture<Void> passivated = small.passivate(id -> true).toCompletableFuture();
            assertThat(small.isActive("busy")).isFalse();
            blocking.unblock();

            assertThat(passivated).succeedsWithin(TIMEOUT);
            long accepted = sent.stream().filter(reply -> reply.handle((result, error) -> error == null).join()).count();
            assertThat(join(small.state("busy", TIMEOUT)).state().value()).isEqualTo(1 + accepted);
        }

        @Test
        void over_the_cap_the_least_recently_used_entities_go_and_a_busy_one_stays() {
            EntityRuntime<CountCommand, CountEvent, Count> capped = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withMaxActiveEntities(100).withSnapshotEvery(0));
            join(capped.execute(CommandRequest.of("busy", new Increment(1), "busy-0"), TIMEOUT));
            for (int i = 1; i <= 2_000; i++) {
                join(capped.execute(CommandRequest.of("k-" + i, new Increment(1), "k-" + i), TIMEOUT));
                join(capped.execute(CommandRequest.of("busy", new Increment(1), "busy-" + i), TIMEOUT));
            }

            await().atMost(TIMEOUT).until(() -> capped.activeCount() <= 100);
            assertThat(capped.isActive("busy")).isTrue();
            assertThat(capped.isActive("k-1")).isFalse();
            assertThat(join(capped.state("busy", TIMEOUT)).state().value()).isEqualTo(2_001);
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
                    .map(s -> s.version() >= 20).orElse(false));
            join(snapshotting.passivate(id -> true));

            assertThat(join(snapshotting.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 325), 25));
            // The command window survives through the snapshot: cmd-3 is older than the tail.
            assertThat(join(snapshotting.execute(CommandRequest.of("c-1", new Increment(3), "cmd-3"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 6), 3, true));
        }

        @Test
        void recovery_looks_up_a_snapshot_only_for_a_stream_at_least_a_snapshot_interval_long() {
            java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
            SnapshotStore counted = new SnapshotStore() {
                @Override
                public Optional<Snapshot> load(StreamId stream) {
                    lookups.incrementAndGet();
                    return fixture.snapshots.load(stream);
                }

                @Override
                public void save(Snapshot snapshot) {
                    fixture.snapshots.save(snapshot);
                }

                @Override
                public void delete(StreamId stream) {
                    fixture.snapshots.delete(stream);
                }
            };
            EntityRuntime<CountCommand, CountEvent, Count> runtime = fixture.runtime(new CountAggregate(),
                    EntitySettings.defaults().withSnapshotEvery(10), fixture.store, counted);
            // A new stream: its version (0) is all recovery reads.
            join(runtime.execute(CommandRequest.of("new", new Increment(1), "new-1"), TIMEOUT));
            assertThat(fixture.store.versionLookups()).isEqualTo(1);
            assertThat(lookups.get()).isZero();
            assertThat(fixture.store.streamReads()).isZero();

            // Shorter than a snapshot interval: replayed whole, no snapshot looked up.
            for (int i = 1; i <= 9; i++) {
                join(runtime.execute(CommandRequest.of("short", new Increment(i), "short-" + i), TIMEOUT));
            }
            // Exactly one interval long: its snapshot is at the stream's head, so there is no tail to read.
            for (int i = 1; i <= 10; i++) {
                join(runtime.execute(CommandRequest.of("long", new Increment(i), "long-" + i), TIMEOUT));
            }
            await().atMost(TIMEOUT).until(() -> fixture.snapshots.load(StreamId.of("count", "long"))
                    .map(s -> s.version() == 10).orElse(false));
            join(runtime.passivate(id -> true));
            int readsBefore = fixture.store.streamReads();

            assertThat(join(runtime.state("short", TIMEOUT))).isEqualTo(new Versioned<>(new Count("short", 45), 9));
            assertThat(lookups.get()).isZero();
            assertThat(fixture.store.streamReads() - readsBefore).isEqualTo(1);

            assertThat(join(runtime.state("long", TIMEOUT))).isEqualTo(new Versioned<>(new Count("long", 55), 10));
            assertThat(lookups.get()).isEqualTo(1);
            // One read: the command ids of the snapshot's window, from the events it covers.
            assertThat(fixture.store.streamReads() - readsBefore).isEqualTo(2);
            // The window came back with the snapshot's events: a retry is answered, not applied again.
            assertThat(join(runtime.execute(CommandRequest.of("long", new Increment(4), "long-4"), TIMEOUT)))
                    .isEqualTo(new CommandResult.Accepted<>(new Count("long", 10), 4, true));
        }

        @Test
        void a_snapshot_due_while_one_is_being_written_is_taken_when_that_one_is_done() throws Exception {
            CountDownLatch firstSaveStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            InMemorySnapshotStore saved = new InMemorySnapshotStore();
            SnapshotStore slowAtFirst = new SnapshotStore() {
                @Override
                public Optional<Snapshot> load(StreamId stream) {
                    return saved.load(stream);
                }

                @Override
                public void save(Snapshot snapshot) {
                    firstSaveStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    saved.save(snapshot);
                }

                @Override
                public void delete(StreamId stream) {
                    saved.delete(stream);
                }
            };
            EntityRuntime<CountCommand, CountEvent, Count> runtime = EntityRuntime.builder(new CountAggregate())
                    .eventStore(fixture.store)
                    .snapshots(slowAtFirst)
                    .codec(fixture.codec)
                    .actors(fixture.actors)
                    .background(fixture.background)
                    .settings(EntitySettings.defaults().withSnapshotEvery(10))
                    .build();
            try {
                for (int i = 1; i <= 10; i++) {
                    join(runtime.execute(CommandRequest.of("c-1", new Increment(1), "cmd-" + i), TIMEOUT));
                }
                assertThat(firstSaveStarted.await(10, TimeUnit.SECONDS)).isTrue();
                // Due again at 20 and 25 while the first is still being written; then the entity goes quiet.
                for (int i = 11; i <= 25; i++) {
                    join(runtime.execute(CommandRequest.of("c-1", new Increment(1), "cmd-" + i), TIMEOUT));
                }
                release.countDown();

                await().atMost(TIMEOUT).until(() -> saved.load(StreamId.of("count", "c-1"))
                        .map(s -> s.version() == 25).orElse(false));
            } finally {
                release.countDown();
                runtime.close(Duration.ofSeconds(5));
            }
        }

        @Test
        void after_a_crash_retries_within_the_retention_are_answered_from_the_window_not_applied_again() {
            // A window of 16 ids at least: the 300 commands are remembered for their retention (15 s) only.
            EntitySettings settings = EntitySettings.defaults().withSnapshotEvery(50).withCommandWindow(16);
            EntityRuntime<CountCommand, CountEvent, Count> crashed = fixture.runtime(new CountAggregate(), settings);
            for (int i = 1; i <= 300; i++) {
                join(crashed.execute(CommandRequest.of("c-1", new Increment(i % 7 == 0 ? 0 : 1), "cmd-" + i), TIMEOUT));
            }
            await().atMost(TIMEOUT).until(() -> fixture.snapshots.load(StreamId.of("count", "c-1"))
                    .map(s -> s.version() >= 200).orElse(false));
            long snapshotBytes = fixture.snapshots.load(StreamId.of("count", "c-1")).orElseThrow().state().length;
            // Another runtime on the same stores, as a node taking over from one that crashed: snapshot plus events.
            EntityRuntime<CountCommand, CountEvent, Count> recovered = fixture.runtime(new CountAggregate(), settings);

            for (int i = 1; i <= 300; i++) {
                CommandResult<Count> retried = join(recovered.execute(
                        CommandRequest.of("c-1", new Increment(i % 7 == 0 ? 0 : 1), "cmd-" + i), TIMEOUT));
                if (i % 7 == 0) {
                    // Refused again: only the last few rejections are remembered, and they stored nothing.
                    assertThat(retried).as("cmd-%d", i).isInstanceOf(CommandResult.Rejected.class);
                } else {
                    assertThat(retried).as("cmd-%d", i).isInstanceOfSatisfying(CommandResult.Accepted.class,
                            accepted -> assertThat(accepted.repeated()).isTrue());
                }
            }
            assertThat(join(recovered.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 258), 258));
            assertThat(stream("count", "c-1")).hasSize(258);
            // The state, a version and the last 32 rejections (about 75 bytes each); not 32 bytes per command id.
            assertThat(snapshotBytes).isLessThan(3_000);
        }

        @Test
        void a_snapshot_larger_than_the_store_takes_is_skipped_and_counted() {
            java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
            io.clstr.adapters.memory.InMemorySnapshotStore tiny = new io.clstr.adapters.memory.InMemorySnapshotStore(16);
            EntityRuntime<CountCommand, CountEvent, Count> runtime = EntityRuntime.builder(new CountAggregate())
                    .eventStore(fixture.store)
                    .snapshots(tiny)
                    .codec(fixture.codec)
                    .actors(fixture.actors)
                    .background(fixture.background)
                    .settings(EntitySettings.defaults().withSnapshotEvery(2))
                    .metrics(new io.clstr.ports.out.metrics.EventSourcingMetrics() {
                        @Override
                        public void snapshotSkipped(io.clstr.domain.kernel.AggregateType type) {
                            skipped.incrementAndGet();
                        }
                    })
                    .build();
            try {
                for (int i = 1; i <= 6; i++) {
                    join(runtime.execute(CommandRequest.of("c-1", new Increment(1), "cmd-" + i), TIMEOUT));
                }

                await().atMost(TIMEOUT).until(() -> skipped.get() >= 1);
                assertThat(tiny.load(StreamId.of("count", "c-1"))).isEmpty();
                assertThat(join(runtime.state("c-1", TIMEOUT))).isEqualTo(new Versioned<>(new Count("c-1", 6), 6));
            } finally {
                runtime.close(Duration.ofSeconds(5));
            }
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
            assertThatThrownBy(() -> join(counters.history().stateAt("c-1", 4)))
                    .hasRootCauseInstanceOf(VersionNotFoundException.class)
                    .hasRootCauseMessage("There is no version 4: the latest version is 3.");
            assertThat(join(counters.history().stateAt("c-2", 1))).isEmpty();
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
            assertThatThrownBy(() -> join(counters.history().stateAsOf("c-1", between.minusSeconds(60))))
                    .hasRootCauseInstanceOf(VersionNotFoundException.class)
                    .hasRootCauseMessage("There was no version yet at " + between.minusSeconds(60)
                            + ": the first was recorded at " + between + ".");
            assertThat(join(counters.history().stateAsOf("c-2", between))).isEmpty();
        }
    }

    private static boolean isMailboxFull(CompletableFuture<?> reply) {
        return reply.isCompletedExceptionally()
                && reply.handle((result, error) -> StageFailures.causeOf(error) instanceof MailboxFullException).join();
    }

    /** The counter aggregate, whose decide can be held on a gate to keep the entity's thread busy. */
    private static final class GatedCountAggregate implements Aggregate<CountCommand, CountEvent, Count> {
        private final CountAggregate counter = new CountAggregate();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch waiting = new CountDownLatch(1);

        void closeGate() {
            gate = new CountDownLatch(1);
        }

        void openGate() {
            gate.countDown();
        }

        void awaitWaiting() {
            await().atMost(TIMEOUT).until(() -> waiting.getCount() == 0);
        }

        @Override
        public Decision<CountEvent> decide(CountCommand command, Count count) {
            CountDownLatch current = gate;
            if (current.getCount() > 0) {
                waiting.countDown();
                try {
                    current.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return counter.decide(command, count);
        }

        @Override
        public AggregateType type() {
            return counter.type();
        }

        @Override
        public Count initialState(String id) {
            return counter.initialState(id);
        }

        @Override
        public Count evolve(Count count, CountEvent event) {
            return counter.evolve(count, event);
        }

        @Override
        public Class<CountCommand> commandType() {
            return counter.commandType();
        }

        @Override
        public Class<CountEvent> eventType() {
            return counter.eventType();
        }

        @Override
        public Class<Count> stateType() {
            return counter.stateType();
        }
    }
}
