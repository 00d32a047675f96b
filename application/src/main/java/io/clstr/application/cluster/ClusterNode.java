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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A node that serves shards of the cluster's entities.
 *
 * <p>Every heartbeat interval, on its control thread, the node renews its membership, reads the
 * live members, computes each shard's owner by rendezvous hashing and moves towards that: it takes
 * the leases of shards it should own (free, or held by a member that is gone) and subscribes to their
 * subjects; it hands off shards it should no longer own — stop taking their messages, let in-flight
 * requests finish, passivate their entities, release the lease — so the new owner can take them. A
 * node that cannot renew its membership for a TTL stops serving rather than serve stale. A node that
 * sees another take a lease it holds (after a pause, say) stops serving that shard at once; and should
 * both ever process a command for the same entity, the event store's version check fences the stale one.
 *
 * <p>Requests arrive on the transport's threads and are handed to the entity runtimes without
 * blocking; the reply is sent when the entity answers.
 */
public final class ClusterNode implements ClusterViewQuery, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());

    private final ClusterSettings settings;
    private final ShardMap shardMap;
    private final MessageTransport transport;
    private final Membership membership;
    private final ShardLeases leases;
    private final ClusterMetrics metrics;
    private final Clock clock;
    private final Map<String, EntityHost<?, ?, ?>> hosts;
    private final ScheduledExecutorService control;

    /** Shards this node serves, with the revision it holds each lease at (control thread only). */
    private final Map<Integer, Long> owned = new HashMap<>();
    private final Map<Integer, TransportSubscription> subscriptions = new java.util.concurrent.ConcurrentHashMap<>();
    /** Readable from any thread: 1 while the node takes requests for a shard. */
    private final AtomicIntegerArray accepting;
    private final AtomicIntegerArray inFlight;
    private final AtomicInteger inFlightTotal = new AtomicInteger();
    private final Set<Integer> handingOff = new java.util.HashSet<>();
    private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
    private volatile SortedMap<String, java.time.Instant> members = new TreeMap<>();
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile int ownedCount;

    private ClusterNode(Builder builder) {
        this.settings = builder.settings;
        this.shardMap = new ShardMap(settings.shardCount());
        this.transport = builder.transport;
        this.clock = builder.clock;
        this.membership = new Membership(settings.nodeId(), builder.members, clock, settings.memberTtl());
        this.leases = new ShardLeases(settings.nodeId(), builder.leases);
        this.metrics = builder.metrics;
        this.hosts = Map.copyOf(builder.hosts);
        this.accepting = new AtomicIntegerArray(settings.shardCount());
        this.inFlight = new AtomicIntegerArray(settings.shardCount());
        this.control = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "clstr-cluster-" + settings.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        metrics.registerShardsOwned(settings.nodeId(), () -> ownedCount);
        metrics.registerMembers(settings.nodeId(), () -> members.size());
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
        long period = settings.heartbeatInterval().toMillis();
        control.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** True while the node is a live member serving every shard rendezvous hashing gives it. */
    public boolean isReady() {
        return ready;
    }

    /** Completes when the node is ready, or fails after {@code timeout}. */
    public CompletionStage<Void> awaitReady(Duration timeout) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (ready) {
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
        return accepting.get(shard) == 1;
    }

    /** The entities of an aggregate type hosted here, if any. */
    Optional<EntityHost<?, ?, ?>> host(String aggregateType) {
        return Optional.ofNullable(hosts.get(aggregateType));
    }

    /**
     * Leaves gracefully: stops taking requests, lets in-flight work finish, passivates every entity,
     * releases every lease and the membership, so the other nodes take over at once (no expiry wait).
     */
    public boolean stop(Duration timeout) {
        if (stopping) {
            return true;
        }
        stopping = true;
        ready = false;
        CompletableFuture<Void> done = new CompletableFuture<>();
        control.execute(() -> {
            membership.leave();
            handOff(new ArrayList<>(owned.keySet())).whenComplete((ignored, error) -> done.complete(null));
        });
        boolean clean = true;
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            clean = false;
        }
        shutdownControl();
        return clean;
    }

    @Override
    public void close() {
        stop(settings.handoffTimeout().plusSeconds(5));
    }

    /**
     * Stops at once without telling anyone, as a crash would: no handoff, no lease release, no
     * membership removal. Other nodes take the shards over when this node's membership expires. For
     * fault-injection tests and the load test's {@code --kill-node-at}.
     */
    public void abort() {
        stopping = true;
        ready = false;
        for (int shard = 0; shard < accepting.length(); shard++) {
            accepting.set(shard, 0);
        }
        control.shutdownNow();
        subscriptions.values().forEach(TransportSubscription::close);
        leases.close();
    }

    // ------------------------------------------------------------------ control loop

    private void tick() {
        try {
            if (stopping) {
                return;
            }
            membership.heartbeat();
            membership.refresh();
            rebalance();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster tick of {0} failed: {1}", settings.nodeId(), e.toString());
        }
    }

    private void queueRebalance() {
        if (stopping || !rebalanceQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            control.execute(() -> {
                rebalanceQueued.set(false);
                if (!stopping) {
                    rebalance();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stoppedMeanwhile) {
            rebalanceQueued.set(false);
        }
    }

    private void rebalance() {
        members = membership.live();
        if (!membership.selfLive()) {
            if (!owned.isEmpty()) {
                LOG.log(Level.WARNING, "{0} lost its membership; it stops serving its {1} shards",
                        settings.nodeId(), owned.size());
                for (int shard : new ArrayList<>(owned.keySet())) {
                    stopServing(shard);
                }
            }
            ready = false;
            return;
        }
        String me = settings.nodeId();
        String[] desired = shardMap.assignments(members.keySet());
        // A lease we hold, rewritten by someone else after we took it, was taken over: stop at once.
        // (A lower revision is just the watch lagging behind our own acquisition.)
        for (Map.Entry<Integer, Long> held : new ArrayList<>(owned.entrySet())) {
            int shard = held.getKey();
            Optional<ShardLeases.Lease> lease = leases.current(shard);
            if (lease.isPresent() && lease.get().revision() > held.getValue() && !lease.get().owner().equals(me)) {
                LOG.log(Level.WARNING, "{0} lost the lease of shard {1} to {2}", me, shard, lease.get().owner());
                stopServing(shard);
            }
        }
        List<Integer> toHandOff = new ArrayList<>();
        boolean complete = true;
        for (int shard = 0; shard < desired.length; shard++) {
            boolean mine = me.equals(desired[shard]);
            if (mine && !owned.containsKey(shard) && !handingOff.contains(shard)) {
                Optional<Long> revision = acquire(shard);
                if (revision.isPresent()) {
                    serve(shard, revision.get());
                } else {
                    complete = false;
                }
            } else if (!mine && owned.containsKey(shard) && !handingOff.contains(shard)) {
                toHandOff.add(shard);
            }
        }
        if (!toHandOff.isEmpty()) {
            handOff(toHandOff);
        }
        ready = complete && !stopping;
    }

    private Optional<Long> acquire(int shard) {
        try {
            return leases.acquire(shard, owner -> members.containsKey(owner) || membership.isLiveInStore(owner));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "{0} could not take shard {1}: {2}", settings.nodeId(), shard, e.toString());
            return Optional.empty();
        }
    }

    private void serve(int shard, long revision) {
        owned.put(shard, revision);
        ownedCount = owned.size();
        subscriptions.put(shard, transport.subscribe(settings.shardSubject(shard), settings.queueGroup(),
                (message, replier) -> onRequest(shard, message, replier)));
        accepting.set(shard, 1);
        metrics.shardMoved(settings.nodeId(), true);
    }

    /** Stops taking a shard's messages (without giving its lease back). */
    private void stopServing(int shard) {
        accepting.set(shard, 0);
        TransportSubscription subscription = subscriptions.remove(shard);
        if (subscription != null) {
            subscription.close();
        }
        if (owned.remove(shard) != null) {
            metrics.shardMoved(settings.nodeId(), false);
        }
        ownedCount = owned.size();
        passivate(List.of(shard));
    }

    /** Hands shards over: stop taking messages, drain, passivate, release. Completes on the control thread. */
    private CompletableFuture<Void> handOff(List<Integer> shards) {
        Map<Integer, Long> revisions = new LinkedHashMap<>();
        for (int shard : shards) {
            accepting.set(shard, 0);
            TransportSubscription subscription = subscriptions.remove(shard);
            if (subscription != null) {
                subscription.close();
            }
            revisions.put(shard, owned.get(shard));
            handingOff.add(shard);
        }
        long deadline = System.nanoTime() + settings.handoffTimeout().toNanos();
        return drained(shards, deadline)
                .thenCompose(ignored -> passivate(shards).toCompletableFuture()
                        .completeOnTimeout(null, Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                                TimeUnit.MILLISECONDS))
                .handleAsync((ignored, error) -> {
                    for (Map.Entry<Integer, Long> shard : revisions.entrySet()) {
                        handingOff.remove(shard.getKey());
                        if (owned.remove(shard.getKey()) != null) {
                            metrics.shardMoved(settings.nodeId(), false);
                        }
                        try {
                            leases.release(shard.getKey(), shard.getValue());
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "{0} could not release shard {1}: {2}", settings.nodeId(),
                                    shard.getKey(), e.toString());
                        }
                    }
                    ownedCount = owned.size();
                    return null;
                }, control);
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
        check[0].run();
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

    private void shutdownControl() {
        control.shutdown();
        try {
            if (!control.awaitTermination(2, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.values().forEach(TransportSubscription::close);
        leases.close();
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
        if (accepting.get(shard) == 0) {
            return CompletableFuture.completedFuture(new EntityReply.Failure(EntityReply.FailureKind.NOT_OWNER,
                    "shard " + shard + " is not served here"));
        }
        EntityHost<?, ?, ?> host = hosts.get(request.aggregateType());
        if (host == null) {
            return CompletableFuture.completedFuture(new EntityReply.Failure(EntityReply.FailureKind.INVALID,
                    "unknown aggregate type " + request.aggregateType()));
        }
        long remainingMillis = request.deadlineMillis() - clock.millis();
        if (remainingMillis <= 0) {
            return CompletableFuture.completedFuture(new EntityReply.Failure(EntityReply.FailureKind.UNAVAILABLE,
                    "deadline passed"));
        }
        String messageType = request.operation() == EntityRequest.EXECUTE ? request.payloadType()
                : request.aggregateType() + ".read-state";
        long started = System.nanoTime();
        inFlight.incrementAndGet(shard);
        inFlightTotal.incrementAndGet();
        return host.handle(request, Duration.ofMillis(remainingMillis)).whenComplete((reply, error) -> {
            inFlight.decrementAndGet(shard);
            inFlightTotal.decrementAndGet();
            metrics.handled(messageType, !(reply instanceof EntityReply.Failure), System.nanoTime() - started);
        });
    }

    // ------------------------------------------------------------------ view

    @Override
    public ClusterView clusterView() {
        List<Member> memberList = new ArrayList<>();
        members.forEach((id, heartbeat) -> memberList.add(new Member(id, heartbeat)));
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
        private final Map<String, EntityHost<?, ?, ?>> hosts = new LinkedHashMap<>();

        private Builder(ClusterSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder transport(MessageTransport transport) {
            this.transport = transport;
            return this;
        }

        /** The membership bucket; it should expire entries after {@link ClusterSettings#memberTtl()}. */
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

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
