package io.clstr.application.actor;

/**
 * How asynchronous work an actor started reports back to it. Thread-safe. Its messages bypass the
 * mailbox capacity: refusing a completion would leave the actor waiting forever for work it
 * already started, and the actor itself bounds how much such work it has outstanding. Not for
 * outside traffic — that goes through {@link ActorRef#tell} and its backpressure.
 */
@FunctionalInterface
public interface Completions<M> {

    /** Enqueues the message; returns false (dropping it) only if the actor is stopping or stopped. */
    boolean deliver(M message);
}
