package io.clstr.application.actor.internal;

import io.clstr.application.actor.AskTimeoutException;
import io.clstr.application.actor.Cancellable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * One ask in flight: the envelope in the mailbox, the caller's future and the timeout task at once,
 * so an ask allocates one object besides the scheduler's entry.
 */
final class AskPromise<R> extends CompletableFuture<R> implements Runnable {

    private final ActorCell<?> target;
    private final Object message;
    private final Duration timeout;
    private Cancellable timer;

    AskPromise(ActorCell<?> target, Object message, Duration timeout) {
        this.target = target;
        this.message = message;
        this.timeout = timeout;
    }

    Object message() {
        return message;
    }

    /** Called before the promise is enqueued, so the consumer always sees the timer. */
    void armTimer(long timeoutNanos) {
        timer = target.runtime().scheduler().schedule(timeoutNanos, this);
    }

    /** The timeout fired. Fails on the actor executor so callers' callbacks never stall the timer thread. */
    @Override
    public void run() {
        if (isDone()) {
            return;
        }
        try {
            target.runtime().executor().execute(this::expire);
        } catch (RejectedExecutionException closed) {
            expire();
        }
    }

    private void expire() {
        completeExceptionally(new AskTimeoutException(target.name(), HandlerTable.typeName(message.getClass()), timeout));
    }

    /** Completes with a handler's result: a value, or a stage to complete from later. */
    @SuppressWarnings("unchecked")
    void settle(Object reply) {
        if (reply instanceof CompletionStage) {
            ((CompletionStage<Object>) reply).whenComplete(this::settleLater);
        } else {
            complete((R) reply);
            cancelTimer();
        }
    }

    @SuppressWarnings("unchecked")
    private void settleLater(Object value, Throwable error) {
        if (error != null) {
            // Only the wrapper the JDK adds: the asker gets the handler's failure as it is (not StageFailures.causeOf).
            fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        } else {
            complete((R) value);
            cancelTimer();
        }
    }

    void fail(Throwable error) {
        completeExceptionally(error);
        cancelTimer();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        cancelTimer();
        return cancelled;
    }

    private void cancelTimer() {
        Cancellable armed = timer;
        if (armed != null) {
            armed.cancel();
        }
    }
}
