package io.clstr.application.actor;

import io.clstr.application.actor.internal.ActorDefinition;

/**
 * What an actor does: how it creates its state, which handler takes which message type, and its
 * lifecycle hooks. Immutable and shareable: spawn any number of actors from one behaviour; each gets
 * its own state from the factory. Build one with {@link Behaviors}.
 *
 * @param <M> the message family
 */
public final class Behavior<M> {

    private final ActorDefinition definition;

    Behavior(ActorDefinition definition) {
        this.definition = definition;
    }

    ActorDefinition definition() {
        return definition;
    }
}
