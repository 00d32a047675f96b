package io.clstr.application.cluster;

import io.clstr.application.actor.Scheduler;
import io.clstr.application.cluster.internal.EntityReply;
import io.clstr.application.cluster.internal.EntityRequest;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Rejection;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.NoRespondersException;
import io.clstr.ports.out.transport.RequestTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes requests to the node that owns the entity's shard: it sends them to the shard's subject
 * (the owner is subscribed there) and retries — with the same command id, so retries are
 * exactly-once — when nobody answers or an attempt times out, with growing backoff, until the
 * caller's deadline. Typed outcomes come back typed: a rejection stays a rejection, a conflict a
 * conflict. It needs no knowledge of the topology, so it also works on processes that host no
 * shards (routing-only clients).
 *
 * <p>When it runs inside a node that serves the shard, the request goes to the local entity
 * directly, without the transport.
 */
public final class ClusterClient {

    private static final long MIN_BACKOFF_NANOS = Duration.ofMillis(5).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofMillis(500).toNanos();

    private final ClusterSettings settings;
    private final ShardMap shardMap;
    private final MessageTransport transport;
    private final Codec codec;
    private final Scheduler scheduler;
    private final Clock clock;
    private final ClusterMetrics metrics;
    private final ClusterNode local;
    private final LongAdder retries = new LongAdder();

    private ClusterClient(ClusterSettings settings, MessageTransport transport, Codec codec, Scheduler scheduler,
            Clock clock, ClusterMetrics metrics, ClusterNode local) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shardMap = new ShardMap(settings.shardCount());
        this.transport = Objects.requireNonNull(transport, "transport");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.local = local;
    }

    /** A client that only routes (it serves no shards). */
    public static ClusterClient routing(ClusterSettings settings, MessageTransport transport, Codec codec,
            Scheduler scheduler, Clock clock, ClusterMetrics metrics) {
        return new ClusterClient(settings, transport, codec, scheduler, clock, metrics, null);
    }

    /** A client for a node: requests for the shards it serves stay local. */
    public static ClusterClient forNode(ClusterNode node, MessageTransport transport, Codec codec, Scheduler scheduler,
            Clock clock, ClusterMetrics metrics) {
        return new ClusterClient(node.settings(), transport, codec, scheduler, clock, metrics, node);
    }

    /** How many attempts this client has retried so far. */
    public long retries() {
        return retries.sum();
    }

    /** The gateway to the entities of one aggregate type, wherever they live. */
    public <C, S> CommandGateway<C, S> gateway(AggregateType type, Class<S> stateType) {
        return new Routed<>(type, stateType);
    }

    private final class Routed<C, S> implements CommandGateway<C, S> {
        private final AggregateType type;
        private final Class<S> stateType;

        Routed(AggregateType type, Class<S> stateType) {
            this.type = type;
            this.stateType = stateType;
        }

        @Override
        public CompletionStage<CommandResult<S>> execute(CommandRequest<C> request, Duration timeout) {
            new StreamId(type, request.entityId());
            Encoded command = codec.encode(request.command());
            EntityRequest wire = new EntityRequest(EntityRequest.EXECUTE, type.name(), request.entityId(),
                    request.commandId(), request.expectedVersion().orElse(-1), deadline(timeout), command.type(),
                    command.data());
            return send(wire, command.type()).thenApply(reply -> result(request, reply));
        }

        @Override
        public CompletionStage<Versioned<S>> state(String entityId, Duration timeout) {
            new StreamId(type, entityId);
            EntityRequest wire = new EntityRequest(EntityRequest.READ_STATE, type.name(), entityId, "", -1,
                    deadline(timeout), "", new byte[0]);
            return send(wire, type.name() + ".read-state").thenApply(reply -> {
                EntityReply.State state = (EntityReply.State) reply;
                return new Versioned<>(codec.decode(state.stateType(), state.state(), stateType), state.version());
            });
        }

        private CommandResult<S> result(CommandRequest<C> request, EntityReply reply) {
            if (reply instanceof EntityReply.Accepted accepted) {
                return new CommandResult.Accepted<>(codec.decode(accepted.stateType(), accepted.state(), stateType),
                        accepted.version(), accepted.repeated());
            }
            if (reply instanceof EntityReply.Rejected rejected) {
                return new CommandResult.Rejected<>(new Rejection(rejected.code(), rejected.message()),
                        rejected.version(), rejected.repeated());
            }
            if (reply instanceof EntityReply.Mismatch mismatch) {
                return new CommandResult.VersionMismatch<>(mismatch.expected(), mismatch.actual());
            }
            throw new IllegalStateException("unexpected reply " + reply.getClass().getSimpleName());
        }

        private CompletionStage<EntityReply> send(EntityRequest request, String messageType) {
            int shard = shardMap.shardOf(type.name(), request.entityId());
            long started = System.nanoTime();
            CompletableFuture<EntityReply> result = new CompletableFuture<>();
            attempt(shard, request, messageType, 1, result);
            return result.whenComplete((reply, error) -> metrics.request(messageType, error == null,
                    System.nanoTime() - started));
        }
    }

    private long deadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return clock.millis() + timeout.toMillis();
    }

    private void attempt(int shard, EntityRequest request, String messageType, int attempt,
            CompletableFuture<EntityReply> result) {
        long remaining = request.deadlineMillis() - clock.millis();
        if (remaining <= 0) {
            result.completeExceptionally(new ServiceUnavailableException("no node answered for shard " + shard
                    + " before the deadline (" + attempt + " attempts)"));
            return;
        }
        CompletionStage<EntityReply> reply;
        if (local != null && local.serves(shard)) {
            reply = local.handle(shard, request);
        } else {
            Duration timeout = Duration.ofMillis(Math.min(remaining, settings.attemptTimeout().toMillis()));
            reply = transport.request(settings.shardSubject(shard), Message.of(request.encode()), timeout)
                    .thenApply(message -> EntityReply.decode(message.body()));
        }
        reply.whenComplete((answer, error) -> {
            if (error == null && !(answer instanceof EntityReply.Failure)) {
                result.complete(answer);
                return;
            }
            String retryable = error != null ? transportErrorType(error) : retryable((EntityReply.Failure) answer);
            if (retryable == null) {
                result.completeExceptionally(error != null ? unwrap(error)
                        : failureException(request, (EntityReply.Failure) answer));
                return;
            }
            metrics.transportError(retryable);
            metrics.retry(messageType);
            retries.increment();
            long backoff = Math.min(MAX_BACKOFF_NANOS, MIN_BACKOFF_NANOS << Math.min(attempt - 1, 20));
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            scheduler.schedule(jittered, () -> attempt(shard, request, messageType, attempt + 1, result));
        });
    }

    /** The metric label of a retryable transport failure, or null if it must not be retried. */
    private static String transportErrorType(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof NoRespondersException) {
            return "no_responders";
        }
        if (cause instanceof RequestTimeoutException) {
            return "timeout";
        }
        return null;
    }

    private static String retryable(EntityReply.Failure failure) {
        switch (failure.kind()) {
            case NOT_OWNER:
                return "not_owner";
            case UNAVAILABLE:
                return "unavailable";
            default:
                return null;
        }
    }

    private static RuntimeException failureException(EntityRequest request, EntityReply.Failure failure) {
        switch (failure.kind()) {
            case CONFLICT:
                return new ConcurrencyConflictException(StreamId.of(request.aggregateType(), request.entityId()),
                        request.expectedVersion() < 0 ? ExpectedVersion.any()
                                : ExpectedVersion.exactly(request.expectedVersion()), failure.message());
            case INVALID:
                return new IllegalArgumentException(failure.message());
            default:
                return new ServiceUnavailableException(failure.message());
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
