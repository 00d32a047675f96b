package io.clstr.application.actor;

/**
 * What a handler can do besides computing its reply. Only valid inside the actor's own handlers and
 * hooks (it is not thread-safe); {@link #self()} is the part to hand to other threads.
 *
 * @param <M> the actor's message family
 */
public interface ActorContext<M> {

    /** A reference to this actor, usable from any thread. */
    ActorRef<M> self();

    /** This actor's name. */
    String name();

    /** This actor's timers, which deliver messages into its own mailbox. */
    Timers<M> timers();

    /** A thread-safe way for work this actor started to report back, past the mailbox capacity. */
    Completions<M> completions();

    /**
     * Whether messages wait in this actor's mailbox behind the current one: a handler can put off work that the
     * next messages may share (one write for several of them) and do it alone when none wait.
     */
    boolean hasWaitingMessages();

    /** Stops this actor once the current message is handled. */
    void stop();

    /** The system this actor lives in, to spawn or look up other actors. */
    ActorSystem system();
}
