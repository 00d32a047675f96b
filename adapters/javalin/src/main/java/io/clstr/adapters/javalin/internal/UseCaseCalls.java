package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.request.CommandOutcome;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Calls one asynchronous use case per request without holding a server thread: the request is suspended
 * ({@code ctx.future}) until the use case answers or the request timeout passes (503). The response is written
 * on a server thread, never on the thread that completed the call: that is an entity's actor or a store's callback
 * thread, and writing a response there (encoding it, copying it to the socket) held up every other request it
 * serves.
 */
public final class UseCaseCalls {

    private final long timeoutNanos;
    private final Responses responses;
    private final Executor writers;

    /** @param writers runs the writing of each response: the server's own threads */
    public UseCaseCalls(Duration timeout, Responses responses, Executor writers) {
        this.timeoutNanos = timeout.toNanos();
        this.responses = responses;
        this.writers = writers;
    }

    /** Answers with {@code onAccepted}, or with the problem for a rejected, unknown or stale command. */
    public <V> void command(Context ctx, Supplier<? extends CompletionStage<CommandOutcome<V>>> call,
            BiConsumer<Context, CommandOutcome.Accepted<V>> onAccepted) {
        answerLater(ctx, call, outcome -> {
            if (outcome instanceof CommandOutcome.Accepted) {
                onAccepted.accept(ctx, (CommandOutcome.Accepted<V>) outcome);
            } else {
                responses.problem(ctx, Outcomes.problemFor(outcome));
            }
        });
    }

    /** Answers with {@code onFound}, or 404 with {@code notFoundDetail}. */
    public <V> void query(Context ctx, Supplier<? extends CompletionStage<Optional<V>>> call, String notFoundDetail,
            BiConsumer<Context, V> onFound) {
        answerLater(ctx, call, found -> {
            if (found.isPresent()) {
                onFound.accept(ctx, found.get());
            } else {
                responses.problem(ctx, Problem.of(ProblemCode.NOT_FOUND, notFoundDetail));
            }
        });
    }

    private <T> void answerLater(Context ctx, Supplier<? extends CompletionStage<T>> call, Consumer<T> answer) {
        // The answer is written on another thread; its log lines belong to this request too.
        LogContext logContext = LogContext.current();
        ctx.future(() -> withinTimeout(call).handleAsync((value, failure) -> {
            logContext.run(() -> {
                if (failure != null) {
                    responses.problem(ctx, Failures.problemFor(failure));
                } else {
                    answer.accept(value);
                }
            });
            return null;
        }, writers));
    }

    /**
     * A stage of our own, so the timeout never completes (or cancels) the use case's future, which it may
     * share with other callers; a use case that throws instead of failing its stage is treated alike.
     */
    private <T> CompletableFuture<T> withinTimeout(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            Objects.requireNonNull(call.get(), "use case returned no stage").whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
