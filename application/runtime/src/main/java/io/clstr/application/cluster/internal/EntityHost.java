package io.clstr.application.cluster.internal;

import io.clstr.application.actor.ActorStoppedException;
import io.clstr.application.actor.AskTimeoutException;
import io.clstr.application.actor.MailboxFullException;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventStoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Serves requests arriving over the transport for the entities of one aggregate type on this node. */
public final class EntityHost<C, E, S> {

    private static final System.Logger LOG = System.getLogger(EntityHost.class.getName());

    private final EntityRuntime<C, E, S> runtime;
    private final Codec codec;

    public EntityHost(EntityRuntime<C, E, S> runtime, Codec codec) {
        this.runtime = runtime;
        this.codec = codec;
    }

    public EntityRuntime<C, E, S> runtime() {
        return runtime;
    }

    /** Decodes, runs and encodes one request. Never fails: failures become {@link EntityReply.Failure}s. */
    public CompletionStage<EntityReply> handle(EntityRequest request, Duration timeout) {
        try {
            if (request.operation() == EntityRequest.READ_STATE) {
                return runtime.state(request.entityId(), timeout)
                        .thenApply(state -> {
                            Encoded encoded = codec.encode(state.state());
                            return (EntityReply) new EntityReply.State(state.version(), encoded.type(), encoded.data());
                        })
                        .exceptionally(EntityHost::failure);
            }
            C command = codec.decode(request.payloadType(), request.payload(), runtime.aggregate().commandType());
            OptionalLong expected = request.expectedVersion() < 0 ? OptionalLong.empty()
                    : OptionalLong.of(request.expectedVersion());
            return runtime.execute(new CommandRequest<>(request.entityId(), command, request.commandId(), expected,
                    request.fingerprint()), timeout)
                    .thenApply(this::reply)
                    .exceptionally(EntityHost::failure);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    private EntityReply reply(CommandResult<S> result) {
        if (result instanceof CommandResult.Accepted<S> accepted) {
            Encoded state = codec.encode(accepted.state());
            return new EntityReply.Accepted(accepted.version(), accepted.repeated(), state.type(), state.data());
        }
        if (result instanceof CommandResult.Rejected<S> rejected) {
            return new EntityReply.Rejected(rejected.version(), rejected.repeated(), rejected.rejection());
        }
        CommandResult.VersionMismatch<S> mismatch = (CommandResult.VersionMismatch<S>) result;
        return new EntityReply.Mismatch(mismatch.expected(), mismatch.actual());
    }

    /** What a caller may learn about a failure (on another node, or on the local path): its kind and a safe message. */
    public static EntityReply.Failure failure(Throwable error) {
        Throwable cause = StageFailures.causeOf(error);
        if (cause instanceof ConcurrencyConflictException) {
            return new EntityReply.Failure(EntityReply.FailureKind.CONFLICT, "concurrency conflict");
        }
        if (cause instanceof MailboxFullException) {
            return new EntityReply.Failure(EntityReply.FailureKind.OVERLOADED, "entity overloaded");
        }
        if (cause instanceof AskTimeoutException || cause instanceof ActorStoppedException
                || cause instanceof EventStoreException) {
            return new EntityReply.Failure(EntityReply.FailureKind.UNAVAILABLE, "entity unavailable");
        }
        if (cause instanceof CommandIdReusedException) {
            return new EntityReply.Failure(EntityReply.FailureKind.COMMAND_ID_REUSED, cause.getMessage());
        }
        if (cause instanceof CommandTooLargeException) {
            return new EntityReply.Failure(EntityReply.FailureKind.TOO_LARGE, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException || cause instanceof CodecException) {
            return new EntityReply.Failure(EntityReply.FailureKind.INVALID, "invalid request: " + cause.getMessage());
        }
        LOG.log(Level.WARNING, "request failed unexpectedly: {0}", cause.toString());
        return new EntityReply.Failure(EntityReply.FailureKind.INTERNAL, "internal error");
    }
}
