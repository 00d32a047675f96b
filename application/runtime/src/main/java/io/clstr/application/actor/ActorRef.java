package io.clstr.application.actor;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The address of an actor. Safe to share and to use from any thread, including from callbacks of
 * asynchronous work the actor started ({@code ctx.self().tell(...)}).
 *
 * @param <M> the actor's message family
 */
public interface ActorRef<M> {

    /** The actor's unique name within its system. */
    String name();

    /**
     * Enqueues a message without waiting for it to be handled.
     *
     * @throws MailboxFullException  if the mailbox is at capacity (nothing was enqueued)
     * @throws ActorStoppedException if the actor is stopping or stopped
     */
    void tell(M message);

    /**
     * Enqueues a message and returns its reply: the handler's return value, or the outcome of the
     * {@code CompletionStage} it returned. The stage fails with the handler's exception,
     * {@link AskTimeoutException} when {@code timeout} passes first, {@link MailboxFullException},
     * {@link ActorStoppedException} or {@link UnhandledMessageException}. It never hangs.
     *
     * <p>Dependent actions attached without an executor run on the actor's thread; keep them short
     * or use the {@code ...Async} variants.
     *
     * @param timeout mandatory and positive
     * @param <R>     the reply type the caller expects (unchecked: the handler decides)
     */
    <R> CompletionStage<R> ask(M message, Duration timeout);

    /**
     * Stops the actor after the message it is handling, if any: it runs its post-stop hook, cancels
     * its timers and fails every queued ask with {@link ActorStoppedException}. Idempotent.
     */
    void stop();

    /** Holds back message processing; messages keep queuing up to the mailbox capacity. */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /** Whether the actor has stopped for good. */
    boolean isTerminated();

    /** Completes once the actor has stopped and released everything it held. */
    CompletionStage<Void> terminated();
}
