package io.clstr.application.eventsourcing;

import io.clstr.application.actor.ActorOptions;
import io.clstr.application.actor.ActorRef;
import io.clstr.application.actor.ActorStoppedException;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Cancellable;
import io.clstr.application.actor.SupervisionStrategy;
import io.clstr.application.eventsourcing.internal.CommitIds;
import io.clstr.application.eventsourcing.internal.EntityBehavior;
import io.clstr.application.eventsourcing.internal.EntityEnvironment;
import io.clstr.application.eventsourcing.internal.EntityMessage;
import io.clstr.application.eventsourcing.internal.EventReplay;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs the entities of one aggregate type on this node: one actor per aggregate id, activated on
 * its first message (recovering from snapshot + tail), passivated after {@code idleTimeout} without
 * use, or when more than {@code maxActiveEntities} are active (least recently used first).
 *
 * <p>Commands go through {@link #execute}; see {@code Entity} for what happens inside (exactly-once
 * command ids, group commit, conflict retries, snapshots). State reads through {@link #state} are
 * answered by the entity, so they include every acknowledged command. {@link #stateAt},
 * {@link #stateAsOf} and {@link #history} read the event store directly (time travel and audit).
 */
public final class EntityRuntime<C, E, S> implements CommandGateway<C, S>, AutoCloseable {

    private static final int ACTIVATION_ATTEMPTS = 5;
    /** Numbers entity actors across runtimes, so several runtimes can share one actor system. */
    private static final AtomicLong SPAWNED = new AtomicLong();

    private final EntityEnvironment<C, E, S> env;
    private final EventReplay<C, E, S> replay;
    private final AggregateHistory<C, E, S> history;
    private final ActorSystem actors;
    private final ActorOptions actorOptions;
    private final Behavior<EntityMessage> behavior;
    private final ConcurrentHashMap<String, Handle> active = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();
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
     * Passivates the matching entities after they finish what they are doing (queued commands and
     * in-flight appends). Completes when all of them have stopped.
     */
    public CompletionStage<Void> passivate(Predicate<String> entityIds) {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (Map.Entry<String, Handle> entry : active.entrySet()) {
            if (entityIds.test(entry.getKey())) {
                stopped.add(entry.getValue().forgotten);
                requestPassivation(entry.getValue());
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
            env.metrics().entityCacheHit(type());
        }
        handle.lastUsedNanos = System.nanoTime();
        Handle used = handle;
        CompletionStage<R> reply = handle.ref.ask(message, timeout);
        return reply.exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ActorStoppedException && attempt < ACTIVATION_ATTEMPTS && !closed) {
                // The entity passivated just as the message arrived: forget it and start a new one.
                active.remove(entityId, used);
                return ask(entityId, message, timeout, attempt + 1);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private Handle activate(String entityId) {
        Handle handle = active.computeIfAbsent(entityId, id -> {
            String name = "entity-" + type().name() + "-" + SPAWNED.incrementAndGet();
            ActorRef<EntityMessage> ref = actors.spawn(name, behavior, actorOptions);
            return new Handle(ref);
        });
        handle.forgetWhenStopped(() -> active.remove(entityId, handle));
        if (active.size() > env.settings().maxActiveEntities()) {
            evictLeastRecentlyUsed();
        }
        return handle;
    }

    /** Passivates the least recently used entities down to 90% of the cap, one sweep at a time. */
    private void evictLeastRecentlyUsed() {
        if (!evicting.compareAndSet(false, true)) {
            return;
        }
        try {
            int cap = env.settings().maxActiveEntities();
            int excess = active.size() - (cap - cap / 10);
            if (excess <= 0) {
                return;
            }
            List<Handle> handles = new ArrayList<>(active.values());
            handles.sort(Comparator.comparingLong(h -> h.lastUsedNanos));
            for (int i = 0; i < excess && i < handles.size(); i++) {
                requestPassivation(handles.get(i));
            }
        } finally {
            evicting.set(false);
        }
    }

    private void passivateIdle() {
        long idleNanos = env.settings().idleTimeout().toNanos();
        long now = System.nanoTime();
        for (Handle handle : active.values()) {
            if (now - handle.lastUsedNanos > idleNanos) {
                requestPassivation(handle);
            }
        }
    }

    private static void requestPassivation(Handle handle) {
        if (handle.passivationRequested) {
            return;
        }
        try {
            handle.ref.tell(new EntityMessage.Passivate());
            handle.passivationRequested = true;
        } catch (RuntimeException busyOrStopped) {
            // A full mailbox means the entity is busy, so not idle: a later sweep asks again.
        }
    }

    /** An active entity and when it was last used. */
    private static final class Handle {
        final ActorRef<EntityMessage> ref;
        /** Completes once the actor has stopped and this handle has left the active map. */
        final CompletableFuture<Void> forgotten = new CompletableFuture<>();
        private final AtomicBoolean watching = new AtomicBoolean();
        volatile long lastUsedNanos = System.nanoTime();
        volatile boolean passivationRequested;

        Handle(ActorRef<EntityMessage> ref) {
            this.ref = ref;
        }

        void forgetWhenStopped(Runnable forget) {
            if (watching.compareAndSet(false, true)) {
                ref.terminated().whenComplete((ignored, error) -> {
                    forget.run();
                    forgotten.complete(null);
                });
            }
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
