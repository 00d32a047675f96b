package io.clstr.application.eventsourcing.internal;

import io.clstr.application.actor.Behavior;
import io.clstr.application.actor.Behaviors;

/**
 * The actor behaviour of the entities of one type: every message goes to the actor's {@link Entity}.
 * One behaviour serves all entities of a runtime (so they share its handler table); an entity learns
 * its id from its first message, which always names it.
 */
public final class EntityBehavior {

    private EntityBehavior() {
    }

    public static <C, E, S> Behavior<EntityMessage> of(EntityEnvironment<C, E, S> env, EventReplay<C, E, S> replay,
            CommitIds commitIds) {
        return Behaviors.withState(EntityMessage.class, ctx -> new Entity<>(env, replay, commitIds, ctx))
                .on(EntityMessage.Execute.class, (entity, ctx, msg) -> entity.execute(msg))
                .on(EntityMessage.ReadState.class, (entity, ctx, msg) -> entity.readState(msg))
                .on(EntityMessage.Passivate.class, (entity, ctx, msg) -> entity.passivate())
                .on(EntityMessage.Recovered.class, (entity, ctx, msg) -> entity.recovered(msg))
                .on(EntityMessage.RecoveryFailed.class, (entity, ctx, msg) -> entity.recoveryFailed(msg))
                .on(EntityMessage.AppendDone.class, (entity, ctx, msg) -> entity.appendDone(msg))
                .on(EntityMessage.SnapshotWritten.class, (entity, ctx, msg) -> entity.snapshotWritten())
                .on(EntityMessage.Flush.class, (entity, ctx, msg) -> entity.flushDue())
                .postStop((entity, ctx) -> entity.stopped())
                .build();
    }
}
