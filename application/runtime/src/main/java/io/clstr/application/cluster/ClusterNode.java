package io.clstr.application.cluster;

import io.clstr.application.cluster.internal.EntityHost;
import io.clstr.application.cluster.internal.EntityReply;
import io.clstr.application.cluster.internal.EntityRequest;
import io.clstr.application.cluster.internal.Membership;
import io.clstr.application.cluster.internal.ShardLeases;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.ports.in.operations.ClusterViewQuery;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.Replier;
import io.clstr.ports.out.transport.TransportSubscription;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A node that serves shards of the cluster's entities.
 *
 * <p>Threads of its own keep it in the cluster. One renews this node's membership, another reads the others'
 * and judges who is live (see {@link Membership}: freshness by local observation, so clocks need not agree, and
 * a store that cannot take writes for a while counts against nobody). The control thread reconciles: every
 * heartbeat interval, and whenever membership or a lease changes, it compares what the stores say with what
 * the node serves and repairs the difference, so a missed event or a failed call heals on the next round.
 * <ul>
 *   <li>Shards rendezvous hashing gives this node: it takes their leases (free, already its own, or held by a
 *       node that is gone) and serves them once its subscription exists.</li>
 *   <li>Shards it should no longer serve: it hands them off (stops taking their messages, lets in-flight
 *       requests finish, stops what runs with them, passivates their entities, releases the lease).</li>
 *   <li>Leases it holds without serving (a release that failed, a take whose answer was lost, a subscription
 *       that failed): served if the shard is its, else released again.</li>
 *   <li>A lease someone else took over stops being served at once.</li>
 * </ul>
 * A node that cannot prove its membership stops serving rather than serve stale; should two nodes ever process
 * a command for the same entity, the event store's version check fences the stale one.
 *
 * <p>Requests arrive on the transport's threads and are handed to the entity runtimes without blocking; the
 * reply is sent when the entity answers.
 */
public final class ClusterNode implements ClusterViewQuery, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());
    /** Owned leases checked against the store on every round (the watch covers the rest between checks). */
    private static final int LEASES_VERIFIED_PER_ROUND = 8;

    private final ClusterSettings settings;
    private final ShardMap shardMap;
    private final MessageTransport transport;
    private final Membership membership;
    private final ShardLeases leases;
    private final ClusterMetrics metrics;
    private final Map<String, EntityHost<?, ?, ?>> hosts;
    private final ScheduledExecutorService control;
    /** Heartbeats and member observations run on threads of their own, so slow reads never delay a heartbeat. */
    private final ScheduledExecutorService heartbeat;
    private final ScheduledExecutorService observer;
    private final Map<Integer, List<ShardListener>> listeners = new ConcurrentHashMap<>();

    // Control thread only:
    /** Shards this node serves, with the revision it holds each lease at. */
    private final Map<Integer, Long> owned = new HashMap<>();
    /** Leases this node holds (or may hold) without serving them: to serve if the shard is its, else release. */
    private final Map<Integer, Long> held = new HashMap<>();
    private final Set<Integer> handingOff = new HashSet<>();
    private int verifyCursor;
    private boolean storeTroubleLogged;

    private final Map<Integer, TransportSubscription> subscriptions = new ConcurrentHashMap<>();
    /** Answers on this node's own subject, so peers can tell a running node from a dead one. */
    private volatile TransportSubscription presence;
    /** Readable from any thread: 1 while the node takes requests for a shard. */
    private final AtomicIntegerArray accepting;
    private final AtomicIntegerArray inFlight;
    private final AtomicInteger inFlightTotal = new AtomicInteger();
    private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
    private final AtomicBoolean observationQueued = new AtomicBoolean();
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile int ownedCount;

    /** Told when this node starts and stops serving a shard (see {@link #onShard}). */
    public interface ShardListener {
        /** This node serves the shard now. Runs on the control thread: must not block. */
        void gained();

        /**
         * This node stops serving the shard. Runs on the control thread: must not block. When the node hands the
         * shard off, it gives the lease back only once the returned stage completes (or the handoff timeout
         * passes), so whatever ran here has stopped before another node can start it.
         */
        CompletionStage<Void> lost();
    }

    private ClusterNode(Builder builder) {
        this.settings = builder.settings;
        this.shardMap = new ShardMap(settings.shardCount());
        this.transport = builder.transport;
        this.membership = new Membership(settings.nodeId(), builder.members, settings.memberTtl(),
                settings.heartbeatInterval(), builder.clock, builder.nanoTime);
        this.leases = new ShardLeases(settings.nodeId(), builder.leases);
        this.metrics = builder.metrics;
        this.hosts = Map.copyOf(builder.hosts);
        this.accepting = new AtomicIntegerArray(settings.shardCount());
        this.inFlight = new AtomicIntegerArray(settings.shardCount());
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("clstr-cluster-" + settings.nodeId()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("clstr-heartbeat-" + settings.nodeId()));
        this.observer = Executors.newSingleThreadScheduledExecutor(daemon("clstr-members-" + settings.nodeId()));
        metrics.registerShardsOwned(settings.nodeId(), () -> ownedCount);
        metrics.registerMembers(settings.nodeId(), () -> membership.view().live().size());
        metrics.registerHandlersActive(settings.nodeId(), inFlightTotal::get);
    }

    public static Builder builder(ClusterSettings settings) {
        return new Builder(settings);
    }

    public ClusterSettings settings() {
        return settings;
    }

    public ShardMap shardMap() {
        return shardMap;
    }

    /** Joins the cluster and starts serving; returns at once (shards arrive within a few heartbeats). */
    public ClusterNode start() {
        leases.watch(shard -> queueRebalance());
        membership.watch(this::queueObservation);
        long period = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(membership::heartbeat, 0, period, TimeUnit.MILLISECONDS);
        observer.scheduleWithFixedDelay(this::observe, period / 10, period, TimeUnit.MILLISECONDS);
        control.scheduleWithFixedDelay(this::rebalanceSafely, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Calls {@code listener} whenever this node starts or stops serving {@code shard}; register before
     * {@link #start()}. Cluster singletons use it.
     */
    public void onShard(int shard, ShardListener listener) {
        listeners.computeIfAbsent(shard, s -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * True while the node is a live member and serves every shard rendezvous hashing gives it, except those
     * another live node is still handing over.
     */
    public boolean isReady() {
        return ready && membership.selfLiveNow();
    }

    /** Completes when the node is ready, or fails after {@code timeout}. */
    public CompletionStage<Void> awaitReady(Duration timeout) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (isReady()) {
                result.complete(null);
            } else if (System.nanoTime() > deadline) {
                result.completeExceptionally(new IllegalStateException("node " + settings.nodeId()
                        + " did not get its shards within " + timeout.toMillis() + " ms"));
            } else {
                control.schedule(check[0], 20, TimeUnit.MILLISECONDS);
            }
        };
        control.execute(check[0]);
        return result;
    }

    /** Whether this node takes requests for a shard right now. */
    public boolean serves(int shard) {
        return accepting.get(shard) == 1 && membership.selfLiveNow();
    }

    /** The entities of an aggregate type hosted here, if any. */
    Optional<EntityHost<?, ?, ?>> host(String aggregateType) {
        return Optional.ofNullable(hosts.get(aggregateType));
    }

    /**
     * Leaves gracefully: announces that it is leaving (the others stop assigning it shards), hands every
     * shard off (stop taking requests, let in-flight work finish, passivate, release the lease) while still a
     * member, and only then leaves the membership. The others take each shard as soon as its lease is free.
     */
    public boolean stop(Duration timeout) {
        if (stopping) {
            return true;
        }
        stopping = true;
        ready = false;
        membership.markLeaving();
        queueHeartbeat();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            control.execute(() -> handOffEverything().whenComplete((ignored, error) -> done.complete(null)));
        } catch (RejectedExecutionException alreadyAborted) {
            done.complete(null);
        }
        boolean clean = true;
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (ExecutionException | TimeoutException e) {
            clean = false;
        }
        shutdown(heartbeat);
        shutdown(observer);
        membership.leave();
        shutdown(control);
        closeSubscriptions();
        membership.close();
        leases.close();
        return clean;
    }

    @Override
    public void close() {
        stop(settings.handoffTimeout().plusSeconds(5));
    }

    /**
     * Stops at once without telling anyone, as a crash would: no handoff, no lease release, no membership
     * removal. Other nodes take the shards over once they judge this node gone. For fault-injection tests and
     * the load test's {@code --kill-node-at}.
     */
    public void abort() {
        stopping = true;
        ready = false;
        for (int shard = 0; shard < accepting.length(); shard++) {
            accepting.set(shard, 0);
        }
        heartbeat.shutdownNow();
        observer.shutdownNow();
        control.shutdownNow();
        closeSubscriptions();
        membership.close();
        leases.close();
    }

    // ------------------------------------------------------------------ heartbeat thread

    private void observe() {
        try {
            if (membership.observe()) {
                queueRebalance();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "membership round of {0} failed: {1}", settings.nodeId(), e.toString());
        }
    }

    /** Observes at once (a member was announced), so a joining node gets its shards without waiting a round. */
    private void queueObservation() {
        if (!observationQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            observer.execute(() -> {
                observationQueued.set(false);
                observe();
            });
        } catch (RejectedExecutionException stopped) {
            observationQueued.set(false);
        }
    }

    /** Heartbeats at once (the node began leaving), so the others stop assigning it shards without waiting. */
    private void queueHeartbeat() {
        try {
            heartbeat.execute(membership::heartbeat);
        } catch (RejectedExecutionException stopped) {
            // Already stopped: nothing to announce.
        }
    }

    // ------------------------------------------------------------------ control thread

    private void queueRebalance() {
        if (stopping || !rebalanceQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            control.execute(() -> {
                rebalanceQueued.set(false);
                rebalanceSafely();
            });
        } catch (RejectedExecutionException stoppedMeanwhile) {
            rebalanceQueued.set(false);
        }
    }

    private void rebalanceSafely() {
        if (stopping) {
            return;
        }
        try {
            rebalance();
        } catch (RuntimeException e) {
            ready = false;
            LOG.log(Level.WARNING, "cluster round of {0} failed: {1}", settings.nodeId(), e.toString());
        }
    }

    private void rebalance() {
        answerOnOwnSubject();
        Membership.View view = membership.view();
        String me = settings.nodeId();
        if (!view.selfLive()) {
            if (!owned.isEmpty()) {
                LOG.log(Level.WARNING, "{0} is not a live member; it stops serving its {1} shards", me, owned.size());
                owned.keySet().forEach(shard -> accepting.set(shard, 0));
                for (int shard : new ArrayList<>(owned.keySet())) {
                    stopServing(shard, true);
                }
            }
            ready = false;
            return;
        }
        String[] desired = shardMap.assignments(view.assignable());
        stopServingLeasesTakenOver();
        Round round = new Round();
        List<Integer> toHandOff = new ArrayList<>();
        for (int shard = 0; shard < desired.length; shard++) {
            boolean mine = me.equals(desired[shard]);
            if (mine && !owned.containsKey(shard) && !handingOff.contains(shard)) {
                take(shard, round);
            } else if (!mine && owned.containsKey(shard) && !handingOff.contains(shard)) {
                toHandOff.add(shard);
            }
        }
        if (!toHandOff.isEmpty()) {
            LOG.log(Level.INFO, "{0} hands off {1} shards: {2}", me, toHandOff.size(),
                    byNewOwner(toHandOff, desired));
            handOff(toHandOff);
        }
        adoptUnknownLeases();
        releaseHeldLeases(desired, round);
        verifyOwnedLeases(round);
        round.log(me);
        if (round.storeFailed) {
            if (!storeTroubleLogged) {
                storeTroubleLogged = true;
                LOG.log(Level.WARNING, "{0} cannot reach the lease store; it keeps what it serves and retries: {1}",
                        me, round.storeError);
            }
        } else if (storeTroubleLogged) {
            storeTroubleLogged = false;
            LOG.log(Level.INFO, "{0} reaches the lease store again", me);
        }
        ready = round.complete && !round.storeFailed && !stopping && membership.view().selfLive();
    }

    /** What one reconciliation round did, for its log lines and the readiness it reports. */
    private static final class Round {
        boolean complete = true;
        boolean storeFailed;
        String storeError;
        int taken;
        final Map<String, Integer> takenOver = new TreeMap<>();
        /** Which lease holders judged gone still answered on the transport, asked once a round. */
        final Map<String, Boolean> answers = new HashMap<>();

        void storeFailed(RuntimeException e) {
            storeFailed = true;
            complete = false;
            storeError = e.toString();
        }

        void log(String me) {
            if (!takenOver.isEmpty()) {
                takenOver.forEach((from, count) -> LOG.log(Level.INFO, "{0} took over {1} shards of {2}, which is"
                        + " gone", me, count, from));
            }
            if (taken > 0) {
                LOG.log(Level.DEBUG, "{0} took {1} free shards", me, taken);
            }
        }
    }

    /** Takes and serves a shard this node should serve. After a store failure, later shards wait for the next round. */
    private void take(int shard, Round round) {
        if (round.storeFailed) {
            round.complete = false;
            return;
        }
        ShardLeases.Attempt attempt;
        try {
            attempt = leases.acquire(shard, owner -> mayBeAlive(owner, round));
        } catch (RuntimeException e) {
            round.storeFailed(e);
            return;
        }
        if (!attempt.taken()) {
            // Held by a live node: it is handing the shard over (or the view is a moment behind).
            held.remove(shard);
            round.complete &= attempt.holder().isPresent();
            return;
        }
        held.remove(shard);
        attempt.holder().ifPresentOrElse(from -> round.takenOver.merge(from, 1, Integer::sum), () -> round.taken++);
        if (!serve(shard, attempt.revision())) {
            held.put(shard, attempt.revision());
            round.complete = false;
        }
    }

    /** Subscribes to this node's own subject, once (a failed try is repeated next round). */
    private void answerOnOwnSubject() {
        if (presence != null) {
            return;
        }
        try {
            presence = transport.subscribe(settings.nodeSubject(settings.nodeId()), null,
                    (message, replier) -> replier.reply(Message.of(new byte[0])));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "{0} could not subscribe to its own subject yet: {1}", settings.nodeId(),
                    e.toString());
        }
    }

    /**
     * Whether the holder of a lease may still be serving. A member the membership judges gone but that still
     * answers on its own subject has lost only the membership store: it stops serving within its hold, which is
     * waited out; one that does not answer is gone for good (its process or its connection died).
     */
    private boolean mayBeAlive(String owner, Round round) {
        if (membership.mayBeAlive(owner)) {
            return true;
        }
        return membership.withinHold(owner) && round.answers.computeIfAbsent(owner, this::answers);
    }

    private boolean answers(String node) {
        Duration timeout = settings.heartbeatInterval().dividedBy(2);
        try {
            transport.request(settings.nodeSubject(node), Message.of(new byte[0]), timeout).toCompletableFuture()
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    /** Subscribes to a shard and only then marks it served; returns false (keeping nothing half-done) on failure. */
    private boolean serve(int shard, long revision) {
        TransportSubscription subscription;
        try {
            subscription = transport.subscribe(settings.shardSubject(shard), settings.queueGroup(),
                    (message, replier) -> onRequest(shard, message, replier));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} could not subscribe to shard {1}; it retries: {2}", settings.nodeId(), shard,
                    e.toString());
            return false;
        }
        subscriptions.put(shard, subscription);
        owned.put(shard, revision);
        ownedCount = owned.size();
        accepting.set(shard, 1);
        metrics.shardMoved(settings.nodeId(), true);
        for (ShardListener listener : listeners.getOrDefault(shard, List.of())) {
            try {
                listener.gained();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener of shard {0} failed to start: {1}", shard, e.toString());
            }
        }
        return true;
    }

    /**
     * Stops serving a shard at once (without handing it off): its entities are evicted, what runs with it is
     * stopped. With {@code mayStillHold}, the lease is remembered as possibly held, to serve or release later.
     */
    private void stopServing(int shard, boolean mayStillHold) {
        accepting.set(shard, 0);
        closeSubscription(shard);
        Long revision = owned.remove(shard);
        ownedCount = owned.size();
        if (revision != null) {
            metrics.shardMoved(settings.nodeId(), false);
            if (mayStillHold) {
                held.put(shard, revision);
            }
        }
        notifyLost(shard);
        passivate(List.of(shard));
    }

    /** The watch saw another node rewrite a lease this node serves: it was taken over, stop serving it at once. */
    private void stopServingLeasesTakenOver() {
        String me = settings.nodeId();
        for (Map.Entry<Integer, Long> served : new ArrayList<>(owned.entrySet())) {
            Optional<ShardLeases.Lease> lease = leases.watched(served.getKey());
            // A lower revision is only the watch lagging behind this node's own take.
            if (lease.isPresent() && lease.get().revision() > served.getValue() && !lease.get().owner().equals(me)) {
                LOG.log(Level.WARNING, "{0} lost the lease of shard {1} to {2}", me, served.getKey(),
                        lease.get().owner());
                stopServing(served.getKey(), false);
            }
        }
    }

    /** Leases the watch says this node holds that it does not track (a take whose answer was lost). */
    private void adoptUnknownLeases() {
        leases.watchedAsMine().forEach((shard, revision) -> {
            if (!owned.containsKey(shard) && !handingOff.contains(shard) && !held.containsKey(shard)) {
                held.put(shard, revision);
            }
        });
    }

    /** Releases held leases of shards that are not this node's; a failure leaves them for the next round. */
    private void releaseHeldLeases(String[] desired, Round round) {
        for (Map.Entry<Integer, Long> entry : new ArrayList<>(held.entrySet())) {
            int shard = entry.getKey();
            if (settings.nodeId().equals(desired[shard])) {
                continue; // take() serves it on a later round
            }
            if (round.storeFailed) {
                return;
            }
            try {
                leases.release(shard, entry.getValue());
                held.remove(shard);
            } catch (RuntimeException e) {
                round.storeFailed(e);
            }
        }
    }

    /** Checks a few served leases against the store each round, in case the watch missed a take-over. */
    private void verifyOwnedLeases(Round round) {
        if (owned.isEmpty() || round.storeFailed) {
            return;
        }
        List<Integer> shards = new ArrayList<>(new TreeMap<>(owned).keySet());
        for (int i = 0; i < Math.min(LEASES_VERIFIED_PER_ROUND, shards.size()); i++) {
            int shard = shards.get(Math.floorMod(verifyCursor++, shards.size()));
            Optional<ShardLeases.Lease> lease;
            try {
                lease = leases.read(shard);
            } catch (RuntimeException e) {
                return; // reads failing: keep serving what we hold, the next round checks again
            }
            if (lease.isEmpty() || !lease.get().owner().equals(settings.nodeId())) {
                LOG.log(Level.WARNING, "{0} no longer holds the lease of shard {1} (now {2}); it stops serving it",
                        settings.nodeId(), shard, lease.map(ShardLeases.Lease::owner).orElse("free"));
                stopServing(shard, false);
            } else if (lease.get().revision() != owned.get(shard)) {
                owned.put(shard, lease.get().revision());
            }
        }
    }

    /**
     * Hands shards over: stop taking their messages, stop what runs with them, let in-flight requests finish,
     * passivate their entities, then release the leases on the control thread. Each shard is handled on its
     * own, so a failure with one never holds up the others; a release that fails is retried on later rounds.
     */
    private CompletableFuture<Void> handOff(List<Integer> shards) {
        Map<Integer, Long> revisions = new LinkedHashMap<>();
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        shards.forEach(shard -> accepting.set(shard, 0));
        for (int shard : shards) {
            closeSubscription(shard);
            revisions.put(shard, owned.get(shard));
            handingOff.add(shard);
            stopped.add(notifyLost(shard));
        }
        long deadline = System.nanoTime() + settings.handoffTimeout().toNanos();
        CompletableFuture<Void> quiet = CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]))
                .thenCompose(ignored -> drained(shards, deadline))
                .thenCompose(ignored -> passivate(shards).toCompletableFuture())
                .exceptionally(error -> null);
        return quiet.completeOnTimeout(null, millisUntil(deadline), TimeUnit.MILLISECONDS)
                .thenAcceptAsync(ignored -> {
                    for (Map.Entry<Integer, Long> shard : revisions.entrySet()) {
                        handingOff.remove(shard.getKey());
                        if (owned.remove(shard.getKey()) != null) {
                            metrics.shardMoved(settings.nodeId(), false);
                        }
                        try {
                            leases.release(shard.getKey(), shard.getValue());
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "{0} could not release shard {1}; it retries: {2}",
                                    settings.nodeId(), shard.getKey(), e.toString());
                            held.put(shard.getKey(), shard.getValue());
                        }
                    }
                    ownedCount = owned.size();
                }, control);
    }

    /** For a graceful stop: hands off every served shard and releases every held lease, retrying failures. */
    private CompletableFuture<Void> handOffEverything() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        handOff(new ArrayList<>(owned.keySet())).whenCompleteAsync((ignored, error) -> releaseRest(done), control);
        return done;
    }

    private void releaseRest(CompletableFuture<Void> done) {
        adoptUnknownLeases();
        for (Map.Entry<Integer, Long> entry : new ArrayList<>(held.entrySet())) {
            try {
                leases.release(entry.getKey(), entry.getValue());
                held.remove(entry.getKey());
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "{0} could not release shard {1} yet: {2}", settings.nodeId(), entry.getKey(),
                        e.toString());
            }
        }
        if (held.isEmpty()) {
            done.complete(null);
        } else {
            control.schedule(() -> releaseRest(done), settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private CompletableFuture<Void> notifyLost(int shard) {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (ShardListener listener : listeners.getOrDefault(shard, List.of())) {
            try {
                stopped.add(listener.lost().toCompletableFuture());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener of shard {0} failed to stop: {1}", shard, e.toString());
            }
        }
        return CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]));
    }

    /** Completes once no request of these shards is in flight, or at the deadline. */
    private CompletableFuture<Void> drained(List<Integer> shards, long deadline) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            boolean idle = shards.stream().allMatch(shard -> inFlight.get(shard) == 0);
            if (idle || System.nanoTime() > deadline) {
                result.complete(null);
            } else {
                control.schedule(check[0], 5, TimeUnit.MILLISECONDS);
            }
        };
        control.execute(check[0]);
        return result;
    }

    private CompletionStage<Void> passivate(List<Integer> shards) {
        Set<Integer> moving = Set.copyOf(shards);
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (EntityHost<?, ?, ?> host : hosts.values()) {
            String type = host.runtime().type().name();
            stopped.add(host.runtime().passivate(id -> moving.contains(shardMap.shardOf(type, id))).toCompletableFuture());
        }
        return CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]));
    }

    /** "12 to node-2, 30 to node-3" */
    private static String byNewOwner(List<Integer> shards, String[] desired) {
        Map<String, Integer> counts = new TreeMap<>();
        shards.forEach(shard -> counts.merge(desired[shard], 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((owner, count) -> parts.add(count + " to " + owner));
        return String.join(", ", parts);
    }

    private void closeSubscription(int shard) {
        TransportSubscription subscription = subscriptions.remove(shard);
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} could not close the subscription of shard {1}: {2}", settings.nodeId(), shard,
                    e.toString());
        }
    }

    private void closeSubscriptions() {
        for (int shard : new ArrayList<>(subscriptions.keySet())) {
            closeSubscription(shard);
        }
        TransportSubscription own = presence;
        if (own != null) {
            try {
                own.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "{0} could not close its presence subscription: {1}", settings.nodeId(),
                        e.toString());
            }
        }
    }

    private static long millisUntil(long deadlineNanos) {
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, count.incrementAndGet() == 1 ? name : name + "-" + count.get());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void shutdown(ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ requests

    private void onRequest(int shard, Message message, Replier replier) {
        EntityRequest request;
        try {
            request = EntityRequest.decode(message.body());
        } catch (IllegalArgumentException e) {
            replier.reply(Message.of(new EntityReply.Failure(EntityReply.FailureKind.INVALID,
                    "malformed request").encode()));
            return;
        }
        handle(shard, request).thenAccept(reply -> replier.reply(Message.of(reply.encode())));
    }

    /** Runs a request for a shard on this node, if it serves the shard; counts it for handoffs. */
    CompletionStage<EntityReply> handle(int shard, EntityRequest request) {
        EntityHost<?, ?, ?> host = hosts.get(request.aggregateType());
        if (host == null) {
            return CompletableFuture.completedFuture(new EntityReply.Failure(EntityReply.FailureKind.INVALID,
                    "unknown aggregate type " + request.aggregateType()));
        }
        String messageType = request.operation() == EntityRequest.EXECUTE ? request.payloadType()
                : request.aggregateType() + ".read-state";
        CompletionStage<EntityReply> reply = admitted(shard, messageType,
                () -> host.handle(request, Duration.ofMillis(request.timeoutMillis())),
                answer -> !(answer instanceof EntityReply.Failure));
        return reply == null ? CompletableFuture.completedFuture(notServed(shard)) : reply;
    }

    /**
     * The local path: runs {@code work} on this node's entities as objects, admitted and counted exactly like a
     * request from the transport; {@code null} if this node does not serve the shard (the caller routes it).
     */
    <T> CompletionStage<T> runLocally(int shard, String messageType, Supplier<CompletionStage<T>> work) {
        return admitted(shard, messageType, work, answer -> true);
    }

    private <T> CompletionStage<T> admitted(int shard, String messageType, Supplier<CompletionStage<T>> work,
            Predicate<T> succeeded) {
        // Counted before the check, so a handoff that stops accepting and then waits for the count to reach
        // zero cannot miss a request that passed the check.
        inFlight.incrementAndGet(shard);
        if (!serves(shard)) {
            inFlight.decrementAndGet(shard);
            return null;
        }
        inFlightTotal.incrementAndGet();
        long started = System.nanoTime();
        CompletionStage<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((answer, error) -> {
            inFlight.decrementAndGet(shard);
            inFlightTotal.decrementAndGet();
            metrics.handled(messageType, error == null && succeeded.test(answer), System.nanoTime() - started);
        });
    }

    static EntityReply.Failure notServed(int shard) {
        return new EntityReply.Failure(EntityReply.FailureKind.NOT_OWNER, "shard " + shard + " is not served here");
    }

    // ------------------------------------------------------------------ view

    @Override
    public ClusterView clusterView() {
        List<Member> memberList = new ArrayList<>();
        membership.view().live().forEach((id, seen) -> memberList.add(new Member(id, seen)));
        List<Integer> mine = new ArrayList<>();
        for (int shard = 0; shard < accepting.length(); shard++) {
            if (accepting.get(shard) == 1) {
                mine.add(shard);
            }
        }
        Map<String, Long> active = new TreeMap<>();
        for (EntityHost<?, ?, ?> host : hosts.values()) {
            active.put(host.runtime().type().name(), (long) host.runtime().activeCount());
        }
        return new ClusterView(settings.nodeId(), settings.cluster(), settings.shardCount(), memberList,
                leases.owners(), mine, active);
    }

    /** Collects what a node needs. */
    public static final class Builder {
        private final ClusterSettings settings;
        private MessageTransport transport;
        private KeyValueStore members;
        private KeyValueStore leases;
        private Codec codec;
        private ClusterMetrics metrics = ClusterMetrics.NOOP;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private final Map<String, EntityHost<?, ?, ?>> hosts = new LinkedHashMap<>();

        private Builder(ClusterSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder transport(MessageTransport transport) {
            this.transport = transport;
            return this;
        }

        /**
         * The membership bucket. Its entries may expire, but only long after the member TTL (expiry is garbage
         * collection of members that left without a word; freshness is judged by the nodes).
         */
        public Builder members(KeyValueStore members) {
            this.members = members;
            return this;
        }

        /** The lease bucket (no expiry). */
        public Builder leases(KeyValueStore leases) {
            this.leases = leases;
            return this;
        }

        /** Decodes commands and encodes states crossing the wire. */
        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        /** Serves this runtime's entities on the shards this node owns. */
        public <C, E, S> Builder host(EntityRuntime<C, E, S> runtime) {
            Objects.requireNonNull(codec, "set the codec before hosting runtimes");
            hosts.put(runtime.type().name(), new EntityHost<>(runtime, codec));
            return this;
        }

        public Builder metrics(ClusterMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The wall clock, only for the times shown in the cluster view. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic clock every liveness judgement uses (nanoseconds); {@link System#nanoTime} by default. */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        public ClusterNode build() {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(members, "members");
            Objects.requireNonNull(leases, "leases");
            return new ClusterNode(this);
        }
    }
}
