package io.clstr.application.actor.internal;

import io.clstr.application.actor.ActorContext;
import java.util.Objects;

/**
 * The erased form of a behaviour that the runtime executes: a state factory, a handler table and
 * lifecycle hooks. Immutable and shared by every actor spawned from the same behaviour, so an actor
 * costs its state and its cell, not a copy of its handlers.
 */
public final class ActorDefinition {

    /** Runs one handler: returns the reply, or a {@code CompletionStage} of it. */
    @FunctionalInterface
    public interface Invoker {
        Object invoke(Object state, ActorContext<?> context, Object message) throws Exception;
    }

    /** Creates an actor's state when it starts and after every restart. */
    @FunctionalInterface
    public interface StateFactory {
        Object create(ActorContext<?> context) throws Exception;
    }

    /** A lifecycle hook over the current state. */
    @FunctionalInterface
    public interface Hook {
        void run(Object state, ActorContext<?> context) throws Exception;
    }

    private final HandlerTable handlers;
    private final StateFactory stateFactory;
    private final Hook postStop;
    private final Hook preRestart;

    public ActorDefinition(HandlerTable handlers, StateFactory stateFactory, Hook postStop, Hook preRestart) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.stateFactory = Objects.requireNonNull(stateFactory, "stateFactory");
        this.postStop = postStop;
        this.preRestart = preRestart;
    }

    HandlerTable handlers() {
        return handlers;
    }

    StateFactory stateFactory() {
        return stateFactory;
    }

    /** May be null. */
    Hook postStop() {
        return postStop;
    }

    /** May be null. */
    Hook preRestart() {
        return preRestart;
    }
}
