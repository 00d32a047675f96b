package io.clstr.application.eventsourcing;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends commands and state reads to the entities of one aggregate type, wherever they live: the
 * local {@link EntityRuntime}, or the node that owns the entity in a cluster.
 */
public interface CommandGateway<C, S> {

    CompletionStage<CommandResult<S>> execute(CommandRequest<C> request, Duration timeout);

    /** The entity's current state (version 0 and the initial state if it has no events). */
    CompletionStage<Versioned<S>> state(String entityId, Duration timeout);
}
