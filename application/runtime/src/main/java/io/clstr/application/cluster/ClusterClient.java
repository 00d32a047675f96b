package io.clstr.application.cluster;

import io.clstr.application.actor.Scheduler;
import io.clstr.application.cluster.internal.EntityHost;
import io.clstr.application.cluster.internal.EntityReply;
import io.clstr.application.cluster.internal.EntityRequest;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.UnknownTypeException;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.NoRespondersException;
import io.clstr.ports.out.transport.RequestTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
    private final ClusterMetrics metrics;
    private final ClusterNode local;
    private final LongAdder retries = new LongAdder();

    private ClusterClient(ClusterSettings settings, MessageTransport transport, Codec codec, Scheduler scheduler,
            ClusterMetrics metrics, ClusterNode local) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shardMap = new ShardMap(settings.shardCount());
        this.transport = Objects.requireNonNull(transport, "transport");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.local = local;
    }

    /** A client that only routes (it serves no shards). */
    public static ClusterClient routing(ClusterSettings settings, MessageTransport transport, Codec codec,
            Scheduler scheduler, ClusterMetrics metrics) {
        return new ClusterClient(settings, transport, codec, scheduler, metrics, null);
    }

    /** A client for a node: requests for the shards it serves stay local. */
    public static ClusterClient forNode(ClusterNode node, MessageTransport transport, Codec codec, Scheduler scheduler,
            ClusterMetrics metrics) {
        return new ClusterClient(node.settings(), transport, codec, scheduler, metrics, node);
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
            StreamId stream = new StreamId(type, request.entityId());
            Class<?> commandClass = request.command().getClass();
            String commandType = codec.catalog().nameOf(commandClass)
                    .orElseThrow(() -> new UnknownTypeException(commandClass.getName()));
            return send(new Route(stream, request.expectedVersion().orElse(-1), commandType, timeout), new Call<>() {
                @Override
                public CompletionStage<CommandResult<S>> local(ClusterNode node, int shard, Duration left) {
                    EntityRuntime<C, ?, S> runtime = runtimeOn(node);
                    return runtime == null ? null
                            : node.runLocally(shard, commandType, () -> runtime.execute(request, left));
                }

                @Override
                public EntityRequest wire(long timeoutMillis) {
                    Encoded command = codec.encode(request.command());
                    return new EntityRequest(EntityRequest.EXECUTE, type.name(), request.entityId(),
                            request.commandId(), request.expectedVersion().orElse(-1), timeoutMillis, command.type(),
                            command.data(), request.fingerprint());
                }

                @Override
                public CommandResult<S> answer(EntityReply reply) {
                    return result(reply);
                }
            });
        }

        @Override
        public CompletionStage<Versioned<S>> state(String entityId, Duration timeout) {
            StreamId stream = new StreamId(type, entityId);
            return send(new Route(stream, -1, type.name() + ".read-state", timeout), new Call<>() {
                @Override
                public CompletionStage<Versioned<S>> local(ClusterNode node, int shard, Duration left) {
                    EntityRuntime<C, ?, S> runtime = runtimeOn(node);
                    return runtime == null ? null
                            : node.runLocally(shard, type.name() + ".read-state", () -> runtime.state(entityId, left));
                }

                @Override
                public EntityRequest wire(long timeoutMillis) {
                    return new EntityRequest(EntityRequest.READ_STATE, type.name(), entityId, "", -1, timeoutMillis,
                            "", new byte[0], 0);
                }

                @Override
                public Versioned<S> answer(EntityReply reply) {
                    EntityReply.State state = (EntityReply.State) reply;
                    return new Versioned<>(codec.decode(state.stateType(), state.state(), stateType), state.version());
                }
            });
        }

        /** This type's runtime on {@code node}, or null if the node does not host it. */
        @SuppressWarnings("unchecked") // hosts are registered by type name with their own runtime
        private EntityRuntime<C, ?, S> runtimeOn(ClusterNode node) {
            return node.host(type.name()).map(host -> (EntityRuntime<C, ?, S>) host.runtime()).orElse(null);
        }

        private CommandResult<S> result(EntityReply reply) {
            if (reply instanceof EntityReply.Accepted accepted) {
                return new CommandResult.Accepted<>(codec.decode(accepted.stateType(), accepted.state(), stateType),
                        accepted.version(), accepted.repeated());
            }
            if (reply instanceof EntityReply.Rejected rejected) {
                return new CommandResult.Rejected<>(rejected.rejection(), rejected.version(), rejected.repeated());
            }
            if (reply instanceof EntityReply.Mismatch mismatch) {
                return new CommandResult.VersionMismatch<>(mismatch.expected(), mismatch.actual());
            }
            throw new IllegalStateException("unexpected reply " + reply.getClass().getSimpleName());
        }

        private <R> CompletionStage<R> send(Route route, Call<R> call) {
            millis(route.timeout());
            int shard = shardMap.shardOf(type.name(), route.stream().id());
            long started = System.nanoTime();
            long deadline = started + route.timeout().toNanos();
            CompletableFuture<R> result = new CompletableFuture<>();
            attempt(shard, route, call, deadline, 1, result);
            return result.whenComplete((reply, error) -> metrics.request(route.messageType(), error == null,
                    System.nanoTime() - started));
        }
    }

    /** Where a request goes and what it is called in metrics. */
    private record Route(StreamId stream, long expectedVersion, String messageType, Duration timeout) {
    }

    /** One request, by either path. */
    private interface Call<R> {
        /** Runs it on {@code node}'s entities as objects; null if the node does not serve the shard or type. */
        CompletionStage<R> local(ClusterNode node, int shard, Duration timeout);

        /** The request to send to the owner over the transport. */
        EntityRequest wire(long timeoutMillis);

        /** The answer in a reply that is not a failure. */
        R answer(EntityReply reply);
    }

    /** A failure reply of the owner, or a failure of the local path in the same terms. */
    private static final class FailedAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient EntityReply.Failure failure;

        FailedAttempt(EntityReply.Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private static long millis(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return Math.max(1, timeout.toMillis());
    }

    /**
     * One attempt, carrying what is left of the caller's time; deadlines are on this process's monotonic clock. A
     * shard this node serves is run here as objects (no encoding, no transport); any other goes to its owner.
     */
    private <R> void attempt(int shard, Route route, Call<R> call, long deadline, int attempt,
            CompletableFuture<R> result) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            result.completeExceptionally(new ServiceUnavailableException("no node answered for shard " + shard
                    + " before the deadline (" + attempt + " attempts)"));
            return;
        }
        CompletionStage<R> here = local != null && local.serves(shard)
                ? call.local(local, shard, Duration.ofMillis(remaining)) : null;
        CompletionStage<R> answer = here != null ? here : remote(shard, call, remaining);
        answer.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = StageFailures.causeOf(error);
            // The local path's exceptions are put in the owner's terms, so both paths fail and retry alike.
            EntityReply.Failure failure = cause instanceof FailedAttempt failed ? failed.failure
                    : here != null ? EntityHost.failure(cause) : null;
            String retryable = failure != null ? retryable(failure) : transportErrorType(cause);
            if (retryable == null) {
                result.completeExceptionally(failure != null ? failureException(route, failure) : cause);
                return;
            }
            metrics.transportError(retryable);
            metrics.retry(route.messageType());
            retries.increment();
            long backoff = Math.min(MAX_BACKOFF_NANOS, MIN_BACKOFF_NANOS << Math.min(attempt - 1, 20));
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            scheduler.schedule(jittered, () -> attempt(shard, route, call, deadline, attempt + 1, result));
        });
    }

    private <R> CompletionStage<R> remote(int shard, Call<R> call, long remainingMillis) {
        Duration timeout = Duration.ofMillis(Math.min(remainingMillis, settings.attemptTimeout().toMillis()));
        Message request = Message.of(call.wire(remainingMillis).encode());
        return transport.request(settings.shardSubject(shard), request, timeout).thenApply(message -> {
            EntityReply reply = EntityReply.decode(message.body());
            if (reply instanceof EntityReply.Failure failure) {
                throw new FailedAttempt(failure);
            }
            return call.answer(reply);
        });
    }

    /** The metric label of a retryable transport failure, or null if it must not be retried. */
    private static String transportErrorType(Throwable error) {
        Throwable cause = StageFailures.causeOf(error);
        if (cause instanceof NoRespondersException) {
            return ClusterMetrics.NO_RESPONDERS;
        }
        if (cause instanceof RequestTimeoutException) {
            return ClusterMetrics.TIMEOUT;
        }
        return null;
    }

    private static String retryable(EntityReply.Failure failure) {
        switch (failure.kind()) {
            case NOT_OWNER:
                return ClusterMetrics.NOT_OWNER;
            case UNAVAILABLE:
                return ClusterMetrics.UNAVAILABLE;
            default:
                return null;
        }
    }

    private static RuntimeException failureException(Route route, EntityReply.Failure failure) {
        switch (failure.kind()) {
            case CONFLICT:
                return new ConcurrencyConflictException(route.stream(), route.expectedVersion() < 0
                        ? ExpectedVersion.any() : ExpectedVersion.exactly(route.expectedVersion()), failure.message());
            case INVALID:
                return new IllegalArgumentException(failure.message());
            case COMMAND_ID_REUSED:
                return new CommandIdReusedException(failure.message());
            case TOO_LARGE:
                return new CommandTooLargeException(failure.message());
            case OVERLOADED:
                return new ServiceUnavailableException("the entity is overloaded; retry after a moment");
            default:
                return new ServiceUnavailableException(failure.message());
        }
    }
}
