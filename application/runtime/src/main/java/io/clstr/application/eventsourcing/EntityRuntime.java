package io.clstr.application.eventsourcing;

import io.clstr.application.actor.ActorOptions;
import io.clstr.application.actor.ActorRef;
import io.clstr.application.actor.ActorStoppedException;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.MailboxFullException;
import io.clstr.application.actor.SupervisionStrategy;
import io.clstr.application.eventsourcing.internal.CommitIds;
import io.clstr.application.eventsourcing.internal.EntityBehavior;
import io.clstr.application.eventsourcing.internal.EntityEnvironment;
import io.clstr.application.eventsourcing.internal.EntityMessage;
import io.clstr.application.eventsourcing.internal.EventReplay;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.StageFailures;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs the entities of one aggregate type on this node: one actor per aggregate id, activated on
 * its first message (recovering from snapshot + tail), passivated after {@code idleTimeout} without
 * use, or when more than {@code maxActiveEntities} are active (least recently used first, as CLOCK
 * approximates it, off the requests' threads). An entity whose stream has no events stops as soon as it
 * is idle, so reads of ids that do not exist keep nothing. A passivated entity leaves the active set at
 * once; the next request for its id starts a fresh one.
 *
 * <p>Commands go through {@link #execute}; see {@code Entity} for what happens inside (exactly-once
 * command ids, group commit, conflict retries, snapshots). State reads through {@link #state} are
 * answered by the entity, so they include every acknowledged command. {@link #stateAt},
 * {@link #stateAsOf} and {@link #history} read the event store directly (time travel and audit).
 */
public final class EntityRuntime<C, E, S> implements CommandGateway<C, S>, AutoCloseable {

    private static final int ACTIVATION_ATTEMPTS = 5;
    /** How soon a passivation refused by a full mailbox is asked again. */
    private static final long PASSIVATION_RETRY_NANOS = Duration.ofMillis(10).toNanos();
    /** Forgotten handles tolerated in the eviction order beyond twice the active ones before it is compacted. */
    private static final int COMPACTION_SLACK = 1024;
    /** Numbers entity actors across runtimes, so several runtimes can share one actor system. */
    private static final AtomicLong SPAWNED = new AtomicLong();

    private final EntityEnvironment<C, E, S> env;
    private final EventReplay<C, E, S> replay;
    private final AggregateHistory<C, E, S> history;
    private final ActorSystem actors;
    private final ActorOptions actorOptions;
    private final Behavior<EntityMessage> behavior;
    private final ConcurrentHashMap<String, Handle> active = new ConcurrentHashMap<>();
    /** Active handles in activation order, for eviction; may still hold handles forgotten since. */
    private final ConcurrentLinkedQueue<Handle> evictionOrder = new ConcurrentLinkedQueue<>();
    /** The length of {@link #evictionOrder}, which the queue itself can only count by walking it. */
    private final AtomicInteger evictionOrderLength = new AtomicInteger();
    /** Passivated entities whose actors are still finishing. */
    private final Set<Handle> stopping = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean maintaining = new AtomicBoolean();
    private final Cancellable idleSweep;
    private volatile boolean closed;

    private EntityRuntime(Builder<C, E, S> builder) {
        String stateName = builder.codec.catalog().nameOf(builder.aggregate.stateType())
                .orElseThrow(() -> new IllegalArgumentException("the state type "
                        + builder.aggregate.stateType().getName() + " is not in the codec's type catalog"));
        this.env = new EntityEnvironment<>(builder.aggregate, builder.store, Optional.ofNullable(builder.snapshots),
                builder.codec, builder.settings, builder.metrics, builder.background, builder.clock, stateName);
        this.replay = new EventReplay<>(env);
        this.history = new AggregateHistory<>(builder.aggregate, builder.store, builder.codec, builder.metrics);
        this.actors = builder.actors;
        this.behavior = EntityBehavior.of(env, replay, new CommitIds());
        this.actorOptions = ActorOptions.defaults()
                .withGroup("entity-" + builder.aggregate.type().name())
                .withMailboxCapacity(builder.settings.mailboxCapacity())
                .withSupervision(SupervisionStrategy.stop());
        env.metrics().registerActiveEntities(type(), active::size);
        long sweepNanos = Math.max(builder.settings.idleTimeout().toNanos() / 4, Duration.ofMillis(50).toNanos());
        this.idleSweep = new PeriodicTask(sweepNanos, this::passivateIdle).start();
    }

    public static <C, E, S> Builder<C, E, S> builder(Aggregate<C, E, S> aggregate) {
        return new Builder<>(aggregate);
    }

    public AggregateType type() {
        return env.aggregate().type();
    }

    public Aggregate<C, E, S> aggregate() {
        return env.aggregate();
    }

    /** Sends a command to its entity, activating the entity if needed. */
    @Override
    public CompletionStage<CommandResult<S>> execute(CommandRequest<C> request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        if (!env.aggregate().commandType().isInstance(request.command())) {
            throw new IllegalArgumentException(request.command().getClass().getName() + " is not a "
                    + env.aggregate().commandType().getName());
        }
        new StreamId(type(), request.entityId());
        return ask(request.entityId(), new EntityMessage.Execute(request, System.nanoTime()), timeout, 1);
    }

    /** The entity's committed state, answered by the entity itself (activating it if needed). */
    @Override
    public CompletionStage<Versioned<S>> state(String entityId, Duration timeout) {
        new StreamId(type(), entityId);
        return ask(entityId, new EntityMessage.ReadState(entityId), timeout, 1);
    }

    /** Reads of the aggregate's past (audit trail, time travel) straight from the store. */
    public AggregateHistory<C, E, S> history() {
        return history;
    }

    /** Entities active on this node now. */
    public int activeCount() {
        return active.size();
    }

    /** Whether an entity is active on this node. */
    public boolean isActive(String entityId) {
        return active.containsKey(entityId);
    }

    /**
     * Passivates the matching entities: they leave the active set at once, so a later request for one of them
     * activates a fresh entity that recovers from the store, while the old actor finishes what it was doing
     * (queued commands and its in-flight append) and stops. Completes when every old actor has stopped,
     * including those of earlier passivations still finishing.
     */
    public CompletionStage<Void> passivate(Predicate<String> entityIds) {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (Handle handle : active.values()) {
            if (entityIds.test(handle.entityId)) {
                passivate(handle);
            }
        }
        for (Handle handle : stopping) {
            if (entityIds.test(handle.entityId)) {
                stopped.add(handle.ref.terminated().toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]));
    }

    /** Stops the sweeps and passivates every entity, waiting up to {@code timeout}. */
    public boolean close(Duration timeout) {
        closed = true;
        idleSweep.cancel();
        try {
            passivate(id -> true).toCompletableFuture().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ activation and passivation

    private <R> CompletionStage<R> ask(String entityId, EntityMessage message, Duration timeout, int attempt) {
        if (closed) {
            return CompletableFuture.failedFuture(new ActorStoppedException("entity runtime " + type()));
        }
        Handle handle = active.get(entityId);
        if (handle == null) {
            handle = activate(entityId);
            env.metrics().entityCacheMiss(type());
        } else {
            handle.lastUsedNanos = System.nanoTime();
            env.metrics().entityCacheHit(type());
        }
        Handle used = handle;
        CompletionStage<R> reply = handle.ref.ask(message, timeout);
        return reply.exceptionallyCompose(error -> {
            Throwable cause = StageFailures.causeOf(error);
            if (cause instanceof ActorStoppedException && attempt < ACTIVATION_ATTEMPTS && !closed) {
                // The entity stopped just as the message arrived: forget it and start a new one.
                forget(used);
                return ask(entityId, message, timeout, attempt + 1);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private Handle activate(String entityId) {
        Handle[] created = new Handle[1];
        Handle handle = active.computeIfAbsent(entityId, id -> {
            String name = "entity-" + type().name() + "-" + SPAWNED.incrementAndGet();
            created[0] = new Handle(id, actors.spawn(name, behavior, actorOptions));
            return created[0];
        });
        if (created[0] != null) {
            Handle spawned = created[0];
            spawned.ref.terminated().whenComplete((ignored, error) -> forget(spawned));
            evictionOrder.add(spawned);
            int ordered = evictionOrderLength.incrementAndGet();
            if (ordered > active.size() * 2 + COMPACTION_SLACK || active.size() > env.settings().maxActiveEntities()) {
                maintainInBackground();
            }
        }
        return handle;
    }

    /** Passivates an entity: out of the active set now, its actor asked to stop once idle. Idempotent. */
    private void passivate(Handle handle) {
        if (!handle.passivating.compareAndSet(false, true)) {
            return;
        }
        stopping.add(handle);
        handle.ref.terminated().whenComplete((ignored, error) -> stopping.remove(handle));
        forget(handle);
        askToStop(handle);
    }

    /** Drops a handle from the active set (if it is still there) and from eviction. */
    private void forget(Handle handle) {
        handle.gone = true;
        active.remove(handle.entityId, handle);
    }

    /**
     * Tells the actor to stop once idle. A full mailbox means it is busy, not that the request may be dropped:
     * it is told again shortly, until it takes the message or has stopped.
     */
    private void askToStop(Handle handle) {
        try {
            handle.ref.tell(new EntityMessage.Passivate());
        } catch (MailboxFullException busy) {
            actors.scheduler().schedule(PASSIVATION_RETRY_NANOS, () -> askToStop(handle));
        } catch (ActorStoppedException alreadyStopping) {
            // It stops anyway; its termination completes the passivation.
        }
    }

    /** Runs {@link #maintain} on the actor executor, one run at a time, off the activating thread. */
    private void maintainInBackground() {
        if (maintaining.compareAndSet(false, true)) {
            try {
                actors.executor().execute(this::maintain);
            } catch (RejectedExecutionException shuttingDown) {
                maintaining.set(false);
            }
        }
    }

    /**
     * Drops forgotten handles from the eviction order once they outnumber the active ones, and passivates
     * entities down to 90% of the cap, least recently used first as CLOCK approximates it: a handle used since
     * it was last looked at goes to the back once, the others are passivated. A run takes at most two steps
     * per handle of the cap, and starts only once a tenth of the cap has been activated since the last one
     * brought the count down (or forgotten handles outnumber the live ones), so its work spread over those
     * activations is bounded by a constant; the hot path only stamps a time.
     */
    private void maintain() {
        try {
            if (evictionOrderLength.get() > active.size() * 2 + COMPACTION_SLACK) {
                for (Iterator<Handle> handles = evictionOrder.iterator(); handles.hasNext(); ) {
                    if (handles.next().gone) {
                        handles.remove();
                        evictionOrderLength.decrementAndGet();
                    }
                }
            }
            int cap = env.settings().maxActiveEntities();
            int target = cap - cap / 10;
            int secondChances = active.size();
            for (int steps = 0; active.size() > target && steps < 2 * cap; steps++) {
                Handle handle = evictionOrder.poll();
                if (handle == null) {
                    break;
                }
                evictionOrderLength.decrementAndGet();
                if (handle.gone) {
                    continue;
                }
                long lastUsed = handle.lastUsedNanos;
                if (lastUsed != handle.lastLookedAtUse && secondChances-- > 0) {
                    handle.lastLookedAtUse = lastUsed;
                    evictionOrder.add(handle);
                    evictionOrderLength.incrementAndGet();
                } else {
                    passivate(handle);
                }
            }
        } finally {
            maintaining.set(false);
        }
        if (active.size() > env.settings().maxActiveEntities()) {
            maintainInBackground();
        }
    }

    private void passivateIdle() {
        long idleNanos = env.settings().idleTimeout().toNanos();
        long now = System.nanoTime();
        for (Handle handle : active.values()) {
            if (now - handle.lastUsedNanos > idleNanos) {
                passivate(handle);
            }
        }
    }

    /** An active entity and when it was last used. */
    private static final class Handle {
        final String entityId;
        final ActorRef<EntityMessage> ref;
        final AtomicBoolean passivating = new AtomicBoolean();
        /** When it was activated or last found active. */
        volatile long lastUsedNanos = System.nanoTime();
        /** The use the evictor saw when it last looked at this handle: a later one is CLOCK's reference bit. */
        long lastLookedAtUse = lastUsedNanos;
        /** Out of the active set: passivated or stopped. */
        volatile boolean gone;

        Handle(String entityId, ActorRef<EntityMessage> ref) {
            this.entityId = entityId;
            this.ref = ref;
        }
    }

    /** Re-arms itself on the actor system's scheduler until cancelled. */
    private final class PeriodicTask implements Cancellable {
        private final long periodNanos;
        private final Runnable body;
        private volatile Cancellable next;
        private volatile boolean cancelled;

        PeriodicTask(long periodNanos, Runnable body) {
            this.periodNanos = periodNanos;
            this.body = body;
        }

        PeriodicTask start() {
            next = actors.scheduler().schedule(periodNanos, this::run);
            return this;
        }

        private void run() {
            if (cancelled) {
                return;
            }
            actors.executor().execute(() -> {
                try {
                    body.run();
                } finally {
                    if (!cancelled) {
                        next = actors.scheduler().schedule(periodNanos, this::run);
                    }
                }
            });
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            Cancellable current = next;
            return current == null || current.cancel();
        }
    }

    /** Collects what an entity runtime needs. */
    public static final class Builder<C, E, S> {
        private final Aggregate<C, E, S> aggregate;
        private EventStore store;
        private SnapshotStore snapshots;
        private Codec codec;
        private ActorSystem actors;
        private BackgroundTasks background;
        private EntitySettings settings = EntitySettings.defaults();
        private EventSourcingMetrics metrics = EventSourcingMetrics.NOOP;
        private Clock clock = Clock.systemUTC();

        private Builder(Aggregate<C, E, S> aggregate) {
            this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
        }

        public Builder<C, E, S> eventStore(EventStore store) {
            this.store = store;
            return this;
        }

        /** Optional: without a snapshot store every recovery replays the whole stream. */
        public Builder<C, E, S> snapshots(SnapshotStore snapshots) {
            this.snapshots = snapshots;
            return this;
        }

        public Builder<C, E, S> codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        public Builder<C, E, S> actors(ActorSystem actors) {
            this.actors = actors;
            return this;
        }

        /** Runs blocking work (snapshot reads and writes) off the actor threads. */
        public Builder<C, E, S> background(BackgroundTasks background) {
            this.background = background;
            return this;
        }

        public Builder<C, E, S> settings(EntitySettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder<C, E, S> metrics(EventSourcingMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder<C, E, S> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EntityRuntime<C, E, S> build() {
            Objects.requireNonNull(store, "eventStore");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(actors, "actors");
            Objects.requireNonNull(background, "background");
            return new EntityRuntime<>(this);
        }
    }
}
