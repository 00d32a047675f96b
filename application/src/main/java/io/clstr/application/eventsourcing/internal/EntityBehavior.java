package io.clstr.application.eventsourcing.internal;

import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.Behaviors;

/** The actor behaviour of one entity: every message goes to its {@link Entity}. */
public final class EntityBehavior {

    private EntityBehavior() {
    }

    public static <C, E, S> Behavior<EntityMessage> of(EntityEnvironment<C, E, S> env, EventReplay<C, E, S> replay,
            String entityId) {
        return Behaviors.withState(EntityMessage.class, ctx -> new Entity<>(env, replay, entityId, ctx))
                .on(EntityMessage.Execute.class, (entity, ctx, msg) -> entity.execute(msg))
                .on(EntityMessage.ReadState.class, (entity, ctx, msg) -> entity.readState())
                .on(EntityMessage.Passivate.class, (entity, ctx, msg) -> entity.passivate())
                .on(EntityMessage.Recovered.class, (entity, ctx, msg) -> entity.recovered(msg))
                .on(EntityMessage.RecoveryFailed.class, (entity, ctx, msg) -> entity.recoveryFailed(msg))
                .on(EntityMessage.AppendDone.class, (entity, ctx, msg) -> entity.appendDone(msg))
                .postStop((entity, ctx) -> entity.stopped())
                .build();
    }
}
