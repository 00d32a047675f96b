package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.Rejection;
import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.CommandConflictException;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.in.request.VersionNotFoundException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Turns what the entity runtime answers into what driving ports promise: business results become
 * {@link CommandOutcome}s; infrastructure failures become the two exceptions callers can act on
 * (retry later with the same command id).
 */
public final class CommandOutcomes {

    private CommandOutcomes() {
    }

    /**
     * A rejection of kind {@link Rejection.Kind#NOT_FOUND} becomes {@link CommandOutcome.NotFound}.
     *
     * @param view builds the view from the state and its version
     */
    public static <S, V> CompletionStage<CommandOutcome<V>> outcome(CompletionStage<CommandResult<S>> result,
            BiFunction<S, Long, V> view) {
        return result.handle((answer, error) -> {
            if (error != null) {
                throw translate(error);
            }
            if (answer instanceof CommandResult.Accepted<S> accepted) {
                return new CommandOutcome.Accepted<>(view.apply(accepted.state(), accepted.version()),
                        accepted.repeated());
            }
            if (answer instanceof CommandResult.Rejected<S> rejected) {
                Rejection rejection = rejected.rejection();
                return rejection.kind() == Rejection.Kind.NOT_FOUND
                        ? new CommandOutcome.NotFound<>(rejection.message())
                        : new CommandOutcome.Rejected<>(rejection.code(), rejection.message());
            }
            CommandResult.VersionMismatch<S> mismatch = (CommandResult.VersionMismatch<S>) answer;
            return new CommandOutcome.VersionMismatch<>(mismatch.expected(), mismatch.actual());
        });
    }

    /** Passes a result through, translating infrastructure failures. */
    public static <T> CompletionStage<T> translated(CompletionStage<T> result) {
        return result.handle((value, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return value;
        });
    }

    /**
     * The exception a caller of a driving port sees: programming and input errors (among them
     * {@link io.clstr.ports.in.request.InvalidInputException}) and {@link VersionNotFoundException} pass through,
     * a conflict that survived its retries is a {@link CommandConflictException}, anything else from
     * the infrastructure (timeouts, full queues, stopped nodes, unreachable stores) is a
     * {@link ServiceUnavailableException}.
     */
    public static RuntimeException translate(Throwable error) {
        Throwable cause = StageFailures.causeOf(error);
        if (cause instanceof IllegalArgumentException || cause instanceof ServiceUnavailableException
                || cause instanceof CommandConflictException || cause instanceof VersionNotFoundException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof io.clstr.ports.out.eventstore.ConcurrencyConflictException) {
            return new CommandConflictException("the aggregate changed concurrently; retry the command");
        }
        return new ServiceUnavailableException("the request could not be completed now; retrying it with the same"
                + " command id is safe", cause);
    }

    /** A stage already failed with the translation of {@code error}. */
    public static <T> CompletionStage<T> failed(Throwable error) {
        return CompletableFuture.failedFuture(translate(error));
    }
}
