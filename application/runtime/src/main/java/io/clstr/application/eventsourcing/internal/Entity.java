package io.clstr.application.eventsourcing.internal;

import io.clstr.application.actor.ActorContext;
import io.clstr.application.actor.ActorStoppedException;
import io.clstr.application.actor.Completions;
import io.clstr.application.actor.MailboxFullException;
import io.clstr.application.actor.TaskRejectedException;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.kernel.Decision;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event-sourced entity: the state an entity actor owns, confined to the actor's thread.
 *
 * <p>Lifecycle: it starts recovering (snapshot + tail, read off-thread); commands that arrive
 * meanwhile wait in order. {@link Admission} keeps them, and refuses a command once the entity holds its
 * mailbox capacity of commands (waiting, being decided or being appended). Once ready, each command is checked
 * against the command window (exactly-once), decided against the <em>pending</em> state and, if it causes events,
 * added to a batch. One append is in flight at a time; while it is, newer commands are decided on top of it and
 * collected into the next batch (group commit), so a hot entity commits many commands per round trip.
 * A batch holds at most the commands, events and bytes one append may carry; a command whose events alone
 * exceed the event store's limit is refused by itself.
 * A rejection or version mismatch decided against pending events waits in their batch, because it is
 * true only if they are stored. When an append succeeds every command in it gets its own reply, in
 * order. On a concurrency conflict the uncommitted commands go back to the front of the queue, the
 * entity catches up from the store, and they are decided again (up to the configured retries). On any
 * other append failure the commands of that append that carry events fail with the error (their fate
 * is unknown: the client retries with the same command id), the others are decided again, and the
 * entity catches up before deciding anything else.
 */
final class Entity<C, E, S> {

    private static final System.Logger LOG = System.getLogger(Entity.class.getName());

    private enum Phase { RECOVERING, READY }

    private final EntityEnvironment<C, E, S> env;
    private final EventReplay<C, E, S> replay;
    private final CommitIds commitIds;
    private final ActorContext<EntityMessage> context;
    private final Completions<EntityMessage> completions;
    /** Set by the first message, which names the entity; recovery starts then. */
    private StreamId stream;

    private Phase phase = Phase.RECOVERING;
    private S committedState;
    private long committedVersion;
    private long committedPosition;
    private S pendingState;
    private long pendingVersion;
    private CommandWindow window;
    /** Committed states kept along the way, to answer repeats of older commands without a full replay. */
    private final StateCheckpoints<S> checkpoints;
    private long lastSnapshotVersion;
    /** Whether a snapshot of this entity is being encoded or saved in the background. */
    private final AtomicBoolean snapshotting = new AtomicBoolean();
    /** Whether an oversize snapshot was reported; written by the background task that found it. */
    private volatile boolean oversizeReported;
    private boolean passivationRequested;
    private boolean recoveredOnce;

    /** Which commands are taken now, wait (with reads, while recovering) or are refused. */
    private final Admission<Pending<S>, CompletableFuture<Versioned<S>>> admission;
    /** Batches decided but not yet appended, oldest first. Collections start small: most entities stay quiet. */
    private final ArrayDeque<Batch<S>> ready = new ArrayDeque<>(1);
    private Batch<S> inFlight;
    /** A {@link EntityMessage.Flush} is in the mailbox. */
    private boolean flushPosted;
    /** Whether the store completed the last append before returning it (the in-memory store does). */
    private boolean storeAnswersAtOnce;
    /** Uncommitted commands by id, so a retry of one in progress shares its outcome. */
    private final Map<String, Pending<S>> uncommitted = new HashMap<>(2);

    Entity(EntityEnvironment<C, E, S> env, EventReplay<C, E, S> replay, CommitIds commitIds,
            ActorContext<EntityMessage> context) {
        this.env = env;
        this.replay = replay;
        this.commitIds = commitIds;
        this.context = context;
        this.completions = context.completions();
        this.checkpoints = new StateCheckpoints<>(env.settings().commandRetention().toMillis());
        this.admission = new Admission<>(env.settings().mailboxCapacity());
    }

    /** Binds the actor to its entity on the first message and starts recovering. */
    private void bind(String id) {
        if (stream != null) {
            if (!stream.id().equals(id)) {
                throw new IllegalStateException("entity " + stream + " received a message for " + id);
            }
            return;
        }
        stream = new StreamId(env.aggregate().type(), id);
        committedState = env.aggregate().initialState(id);
        pendingState = committedState;
        deliverWhenDone(replay.recover(stream));
    }

    // ------------------------------------------------------------------ handlers

    CompletionStage<CommandResult<S>> execute(EntityMessage.Execute message) {
        bind(message.request().entityId());
        Pending<S> pending = new Pending<>(message.request(), message.arrivedNanos());
        switch (admission.admit(pending, phase == Phase.READY)) {
            case NOW -> {
                take(pending);
                flushAfterQueued();
                stopIfIdle();
            }
            case QUEUED -> {
            }
            case OVERLOADED -> pending.reply.completeExceptionally(
                    new MailboxFullException(context.name(), env.settings().mailboxCapacity()));
        }
        return pending.reply;
    }

    CompletionStage<Versioned<S>> readState(EntityMessage.ReadState message) {
        bind(message.entityId());
        if (phase == Phase.READY) {
            return CompletableFuture.completedFuture(new Versioned<>(committedState, committedVersion));
        }
        CompletableFuture<Versioned<S>> reply = new CompletableFuture<>();
        admission.queueRead(reply);
        return reply;
    }

    Object passivate() {
        passivationRequested = true;
        stopIfIdle();
        return null;
    }

    Object recovered(EntityMessage.Recovered message) {
        @SuppressWarnings("unchecked")
        Recovery<S> recovery = (Recovery<S>) message.recovery();
        if (recovery.window() != null) {
            window = recovery.window();
        } else if (window == null) {
            window = CommandWindow.of(env.settings());
        }
        for (Recovery.CommandSeen seen : recovery.commands()) {
            window.accepted(seen.commandId(), seen.version(), seen.atMillis(), seen.fingerprint());
        }
        committedState = recovery.state();
        committedVersion = recovery.version();
        checkpoints.offer(committedState, committedVersion, env.clock().millis());
        committedPosition = recovery.position();
        lastSnapshotVersion = Math.max(lastSnapshotVersion, recovery.lastSnapshotVersion());
        pendingState = committedState;
        pendingVersion = committedVersion;
        phase = Phase.READY;
        if (!recoveredOnce) {
            recoveredOnce = true;
            env.metrics().entityRecovered(env.aggregate().type(), System.nanoTime() - recovery.startedNanos());
        }
        drain();
        flush();
        stopIfIdle();
        return null;
    }

    Object recoveryFailed(EntityMessage.RecoveryFailed message) {
        Throwable error = StageFailures.causeOf(message.error());
        LOG.log(Level.WARNING, "entity {0} could not load its events: {1}", stream, error.toString());
        failEverything(error);
        context.stop();
        return null;
    }

    Object appendDone(EntityMessage.AppendDone message) {
        @SuppressWarnings("unchecked")
        Batch<S> batch = (Batch<S>) message.batch();
        if (batch != inFlight) {
            return null;
        }
        inFlight = null;
        env.metrics().storeAppend(env.aggregate().type(), System.nanoTime() - batch.startedNanos);
        if (message.error() == null) {
            committed(batch, message.result());
        } else {
            appendFailed(batch, StageFailures.causeOf(message.error()));
        }
        return null;
    }

    /** Runs when the actor stops, for whatever reason: nobody may be left waiting. */
    void stopped() {
        failEverything(new ActorStoppedException(context.name()));
        env.metrics().entityPassivated(env.aggregate().type());
    }

    // ------------------------------------------------------------------ deciding

    /** Decides an admitted command, and releases it unless it now waits in a batch for an append. */
    private void take(Pending<S> pending) {
        if (!decide(pending)) {
            admission.release();
        }
    }

    /**
     * Decides one command against the pending state and queues its events for an append. Returns whether it waits
     * in a batch; if not, it is answered or shares the outcome of an earlier attempt.
     */
    private boolean decide(Pending<S> pending) {
        @SuppressWarnings("unchecked")
        CommandRequest<C> request = (CommandRequest<C>) pending.request;
        String commandId = request.commandId();

        Pending<S> original = uncommitted.get(commandId);
        if (original != null) {
            // Shares the first attempt's fate: its outcome, or the refusal of a reused id once that outcome stands.
            boolean sameRequest = RequestFingerprint.same(original.request.fingerprint(), request.fingerprint());
            original.reply.whenComplete((result, error) -> {
                if (error != null) {
                    pending.reply.completeExceptionally(error);
                } else if (!sameRequest) {
                    pending.reply.completeExceptionally(reused(commandId));
                } else {
                    pending.reply.complete(asRepeated(result));
                }
            });
            return false;
        }
        CommandWindow.Seen seen = window.find(commandId);
        if (seen != null) {
            if (seen.sameRequest(request.fingerprint())) {
                replyRepeated(pending, seen);
            } else {
                pending.reply.completeExceptionally(reused(commandId));
            }
            return false;
        }
        if (request.expectedVersion().isPresent() && request.expectedVersion().getAsLong() != pendingVersion) {
            return refuse(pending,
                    new CommandResult.VersionMismatch<>(request.expectedVersion().getAsLong(), pendingVersion));
        }

        Decision<E> decision;
        S state = pendingState;
        List<EventData> data;
        long bytes = 0;
        try {
            decision = env.aggregate().decide(request.command(), pendingState);
            if (decision instanceof Decision.Rejected<E> rejected) {
                return refuse(pending, new CommandResult.Rejected<>(rejected.rejection(), pendingVersion, false));
            }
            List<E> events = ((Decision.Accepted<E>) decision).events();
            if (events.size() > EventStore.MAX_EVENTS_PER_APPEND) {
                throw new IllegalStateException("a command caused " + events.size() + " events; at most "
                        + EventStore.MAX_EVENTS_PER_APPEND + " fit in one append");
            }
            data = new ArrayList<>(events.size());
            Map<String, String> metadata = metadata(request);
            for (E event : events) {
                state = env.aggregate().evolve(state, event);
                Encoded encoded = env.codec().encode(event);
                EventData eventData = new EventData(encoded.type(), encoded.data(), metadata);
                bytes += eventData.size();
                data.add(eventData);
            }
            long maxBytes = env.store().maxAppendBytes();
            if (bytes > maxBytes) {
                // Refused alone: in a batch it would fail every command appended with it.
                throw new CommandTooLargeException("the command's events take " + bytes + " bytes; the event store"
                        + " takes at most " + maxBytes + " in one append");
            }
        } catch (RuntimeException e) {
            pending.reply.completeExceptionally(e);
            return false;
        }

        if (data.isEmpty() && inFlight == null && ready.isEmpty()) {
            pending.reply.complete(new CommandResult.Accepted<>(committedState, committedVersion, false));
            return false;
        }
        pendingState = state;
        pendingVersion += data.size();
        pending.stateAfter = state;
        pending.versionAfter = pendingVersion;
        batchFor(data.size(), bytes).add(pending, data, bytes);
        uncommitted.put(commandId, pending);
        return true;
    }

    /**
     * Answers a rejection or a version mismatch. Decided against committed state, it is final at once. Decided
     * against pending events, it is true only if they are stored: it waits in the batch of those events, is
     * answered (and remembered) when they commit, and is decided again if their append fails. So a client is
     * never told about a state that was never stored, and a retry never replays such an answer. Returns whether
     * it waits in a batch.
     */
    private boolean refuse(Pending<S> pending, CommandResult<S> refusal) {
        if (pendingVersion == committedVersion) {
            remember(pending, refusal);
            pending.reply.complete(refusal);
            return false;
        }
        pending.refusal = refusal;
        batchFor(0, 0).add(pending, List.of(), 0);
        uncommitted.put(pending.request.commandId(), pending);
        return true;
    }

    private void remember(Pending<S> pending, CommandResult<S> refusal) {
        if (refusal instanceof CommandResult.Rejected<S> rejected) {
            window.rejected(pending.request.commandId(), rejected.version(), rejected.rejection(),
                    pending.request.fingerprint());
        }
    }

    /** What every event of a command records about it, so the command window can be rebuilt from the store. */
    private static Map<String, String> metadata(CommandRequest<?> request) {
        if (request.fingerprint() == RequestFingerprint.NONE) {
            return Map.of(EventEnvelope.COMMAND_ID, request.commandId());
        }
        return Map.of(EventEnvelope.COMMAND_ID, request.commandId(),
                EventEnvelope.COMMAND_FINGERPRINT, String.format("%016x", request.fingerprint()));
    }

    private static CommandIdReusedException reused(String commandId) {
        return new CommandIdReusedException("command id '" + commandId + "' was first used for a different request");
    }

    /** The batch collecting the next command: the newest one, or a new one when that is full. */
    private Batch<S> batchFor(int events, long bytes) {
        Batch<S> batch = ready.peekLast();
        if (batch == null
                || !batch.fits(events, bytes, env.settings().maxBatchCommands(), env.store().maxAppendBytes())) {
            batch = new Batch<>();
            ready.add(batch);
        }
        return batch;
    }

    private void replyRepeated(Pending<S> pending, CommandWindow.Seen seen) {
        if (!seen.accepted()) {
            pending.reply.complete(new CommandResult.Rejected<>(seen.rejection(), seen.version(), true));
        } else if (seen.version() == committedVersion) {
            pending.reply.complete(new CommandResult.Accepted<>(committedState, committedVersion, true));
        } else {
            // An older command: answer with the state right after it, as its first reply did.
            replay.stateAt(stream, seen.version(), checkpoints.atOrBefore(seen.version()))
                    .whenComplete((state, error) -> {
                if (error != null) {
                    pending.reply.completeExceptionally(StageFailures.causeOf(error));
                } else {
                    pending.reply.complete(new CommandResult.Accepted<>(state, seen.version(), true));
                }
            });
        }
    }

    private static <S> CommandResult<S> asRepeated(CommandResult<S> result) {
        if (result instanceof CommandResult.Accepted<S> accepted) {
            return new CommandResult.Accepted<>(accepted.state(), accepted.version(), true);
        }
        if (result instanceof CommandResult.Rejected<S> rejected) {
            return new CommandResult.Rejected<>(rejected.rejection(), rejected.version(), true);
        }
        return result;
    }

    /** Decides waiting commands and answers waiting reads, in order, while the entity is ready. */
    private void drain() {
        if (phase == Phase.READY) {
            admission.drain(this::take, read -> read.complete(new Versioned<>(committedState, committedVersion)));
        }
    }

    // ------------------------------------------------------------------ appending

    /**
     * With a store that answers at once (in memory), appends once the messages already in the mailbox are decided
     * too, so the commands among them share the append instead of taking one append each. A store that answers
     * later (NATS) batches by itself: what arrives during an append goes into the next, so it appends now. With an
     * append in flight there is nothing to do: its completion flushes what gathered meanwhile.
     */
    private void flushAfterQueued() {
        if (inFlight != null || flushPosted || ready.isEmpty()) {
            return;
        }
        if (!storeAnswersAtOnce || !context.hasWaitingMessages()) {
            flush();
            return;
        }
        flushPosted = completions.deliver(new EntityMessage.Flush());
        if (!flushPosted) {
            flush(); // stopping: no more messages are taken
        }
    }

    /** The flush posted behind the waiting messages is reached: they are decided, so append them together. */
    Object flushDue() {
        flushPosted = false;
        flush();
        stopIfIdle();
        return null;
    }

    /** Starts the next append if none is in flight. */
    private void flush() {
        while (phase == Phase.READY && inFlight == null && !ready.isEmpty()) {
            Batch<S> batch = ready.poll();
            if (batch.data.isEmpty()) {
                // Only commands that changed nothing: they commit with the batch before them.
                committed(batch, new AppendResult(committedVersion, committedPosition));
                continue;
            }
            inFlight = batch;
            batch.startedNanos = System.nanoTime();
            CompletableFuture<AppendResult> append;
            try {
                append = env.store().append(stream, ExpectedVersion.exactly(committedVersion), batch.data,
                        commitIds.next()).toCompletableFuture();
            } catch (RuntimeException e) {
                append = CompletableFuture.failedFuture(e);
            }
            storeAnswersAtOnce = append.isDone() && !append.isCompletedExceptionally();
            if (append.isDone()) {
                // Completed already (the in-memory store): no need for a round trip through the mailbox.
                AppendResult result = null;
                Throwable error = null;
                try {
                    result = append.join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    error = e;
                }
                appendDone(new EntityMessage.AppendDone(batch, result, error));
            } else {
                append.whenComplete((result, error) ->
                        completions.deliver(new EntityMessage.AppendDone(batch, result, error)));
            }
        }
    }

    private void committed(Batch<S> batch, AppendResult result) {
        long now = System.nanoTime();
        long nowMillis = env.clock().millis();
        var type = env.aggregate().type();
        if (!batch.data.isEmpty()) {
            env.metrics().eventsAppended(type, batch.data.size());
            env.metrics().commitBatch(type, batch.commands.size());
        }
        for (Pending<S> pending : batch.commands) {
            String commandId = pending.request.commandId();
            uncommitted.remove(commandId);
            admission.release();
            if (pending.refusal != null) {
                remember(pending, pending.refusal);
                pending.reply.complete(pending.refusal);
                continue;
            }
            if (pending.versionAfter > committedVersion) {
                window.accepted(commandId, pending.versionAfter, nowMillis, pending.request.fingerprint());
                committedState = pending.stateAfter;
                committedVersion = pending.versionAfter;
            }
            pending.reply.complete(new CommandResult.Accepted<>(pending.stateAfter, pending.versionAfter, false));
            env.metrics().commandCommitted(type, now - pending.arrivedNanos);
        }
        if (!batch.data.isEmpty()) {
            committedVersion = result.version();
            committedPosition = result.position();
        }
        checkpoints.offer(committedState, committedVersion, nowMillis);
        snapshotIfDue();
        drain();
        flush();
        stopIfIdle();
    }

    private void appendFailed(Batch<S> batch, Throwable error) {
        List<Pending<S>> undecided = new ArrayList<>();
        if (error instanceof ConcurrencyConflictException) {
            env.metrics().concurrencyConflict(env.aggregate().type());
            undecided.addAll(batch.commands);
        } else {
            // The append may or may not have been stored: its commands with events get the error, and their
            // clients retry with the same command ids, which the catch-up read below will know. Those without
            // events stored nothing; their answer depends on what was stored, so they are decided again.
            for (Pending<S> pending : batch.commands) {
                if (pending.storesEvents) {
                    uncommitted.remove(pending.request.commandId());
                    admission.release();
                    pending.reply.completeExceptionally(error);
                } else {
                    undecided.add(pending);
                }
            }
        }
        for (Batch<S> later : ready) {
            undecided.addAll(later.commands);
        }
        ready.clear();
        for (int i = undecided.size() - 1; i >= 0; i--) {
            Pending<S> pending = undecided.get(i);
            uncommitted.remove(pending.request.commandId());
            if (error instanceof ConcurrencyConflictException && ++pending.conflicts > env.settings().conflictRetries()) {
                admission.release();
                pending.reply.completeExceptionally(error);
            } else {
                pending.stateAfter = null;
                pending.refusal = null;
                admission.retryFirst(pending);
            }
        }
        catchUp();
    }

    /** Reads what the store has beyond the committed version before deciding anything else. */
    private void catchUp() {
        phase = Phase.RECOVERING;
        pendingState = committedState;
        pendingVersion = committedVersion;
        Recovery<S> base = new Recovery<>(committedState, committedVersion, committedPosition, null, List.of(),
                lastSnapshotVersion, System.nanoTime());
        deliverWhenDone(replay.catchUp(stream, base));
    }

    private void deliverWhenDone(CompletionStage<Recovery<S>> recovery) {
        recovery.whenComplete((result, error) -> completions.deliver(error == null
                ? new EntityMessage.Recovered(result)
                : new EntityMessage.RecoveryFailed(error)));
    }

    // ------------------------------------------------------------------ snapshots and passivation

    /**
     * Takes a snapshot when one is due and none of this entity is being written. Only the (immutable) state and a
     * few numbers are taken here, on the entity's thread; encoding and saving run in the background. A snapshot
     * is not queued while the previous one is still being written: the entity tries again when that one is done
     * (an entity that went quiet in between still gets its latest state saved) and at the next commit.
     */
    private void snapshotIfDue() {
        int every = env.settings().snapshotEvery();
        if (every == 0 || env.snapshots().isEmpty() || committedVersion - lastSnapshotVersion < every
                || !snapshotting.compareAndSet(false, true)) {
            return;
        }
        lastSnapshotVersion = committedVersion;
        long nowMillis = env.clock().millis();
        window.forgetExpired(nowMillis);
        PendingSnapshot<S> taken = new PendingSnapshot<>(stream, committedState, committedVersion, committedPosition,
                window.oldestVersion(), window.rejectedEntries());
        env.background().submit(() -> {
            writeSnapshot(taken);
            return null;
        }).whenComplete((ignored, error) -> {
            snapshotting.set(false);
            Throwable cause = error == null ? null : StageFailures.causeOf(error);
            if (cause instanceof TaskRejectedException) {
                LOG.log(Level.DEBUG, "snapshot of {0} skipped: {1}", taken.stream(), cause.toString());
            } else if (cause != null) {
                LOG.log(Level.WARNING, "snapshot of {0} was not saved: {1}", taken.stream(), cause.toString());
            }
            completions.deliver(new EntityMessage.SnapshotWritten());
        });
    }

    /** A snapshot was written: take the next one if the entity moved on far enough meanwhile. */
    Object snapshotWritten() {
        if (phase == Phase.READY) {
            snapshotIfDue();
        }
        return null;
    }

    /** Encodes and saves a snapshot, off the entity's thread; one the store cannot take is skipped. */
    private void writeSnapshot(PendingSnapshot<S> taken) {
        byte[] state = env.codec().encode(taken.state()).data();
        byte[] body = SnapshotFormat.write(state, taken.windowStart(), taken.rejections());
        var snapshots = env.snapshots().orElseThrow();
        long maxBytes = snapshots.maxStateBytes();
        if (body.length > maxBytes) {
            env.metrics().snapshotSkipped(env.aggregate().type());
            if (!oversizeReported) {
                oversizeReported = true;
                LOG.log(Level.WARNING, "snapshots of {0} are skipped: {1} bytes, the snapshot store takes at most {2};"
                        + " the entity recovers from its events", taken.stream(), body.length, maxBytes);
            }
            return;
        }
        long started = System.nanoTime();
        snapshots.save(new Snapshot(taken.stream(), taken.version(), taken.position(), env.stateTypeName(),
                env.settings().snapshotSchemaVersion(), body, env.clock().instant()));
        env.metrics().snapshotSave(env.aggregate().type(), System.nanoTime() - started);
    }

    /**
     * Stops once nothing is queued, being decided or appended, if passivation was asked, or if the stream has no
     * events: reads of ids that do not exist (and commands refused there) keep no entity.
     */
    private void stopIfIdle() {
        if ((passivationRequested || committedVersion == 0) && phase == Phase.READY && inFlight == null
                && ready.isEmpty() && admission.nothingWaiting()) {
            context.stop();
        }
    }

    private void failEverything(Throwable error) {
        if (inFlight != null) {
            inFlight.failAll(error);
            inFlight = null;
        }
        for (Batch<S> batch : ready) {
            batch.failAll(error);
        }
        ready.clear();
        admission.clear(pending -> pending.reply.completeExceptionally(error),
                read -> read.completeExceptionally(error));
        uncommitted.clear();
    }

    // ------------------------------------------------------------------ bookkeeping types

    /** A command on its way through the entity. */
    private static final class Pending<S> {
        final CommandRequest<?> request;
        final long arrivedNanos;
        final CompletableFuture<CommandResult<S>> reply = new CompletableFuture<>();
        S stateAfter;
        long versionAfter;
        /** A rejection or mismatch decided against pending events, answered once they are stored. */
        CommandResult<S> refusal;
        boolean storesEvents;
        int conflicts;

        Pending(CommandRequest<?> request, long arrivedNanos) {
            this.request = request;
            this.arrivedNanos = arrivedNanos;
        }
    }

    /** What a snapshot is made of, taken on the entity's thread and written in the background. */
    private record PendingSnapshot<S>(StreamId stream, S state, long version, long position, long windowStart,
            List<Map.Entry<Long, CommandWindow.Seen>> rejections) {
    }

    /** Commands committed together in one append: bounded by commands, events and bytes. */
    private static final class Batch<S> {
        final List<Pending<S>> commands = new ArrayList<>();
        final List<EventData> data = new ArrayList<>();
        long bytes;
        long startedNanos;

        boolean fits(int events, long moreBytes, int maxCommands, long maxBytes) {
            return commands.size() < maxCommands && data.size() + events <= EventStore.MAX_EVENTS_PER_APPEND
                    && bytes + moreBytes <= maxBytes;
        }

        void add(Pending<S> pending, List<EventData> events, long eventBytes) {
            pending.storesEvents = !events.isEmpty();
            commands.add(pending);
            data.addAll(events);
            bytes += eventBytes;
        }

        void failAll(Throwable error) {
            for (Pending<S> pending : commands) {
                pending.reply.completeExceptionally(error);
            }
        }
    }
}
