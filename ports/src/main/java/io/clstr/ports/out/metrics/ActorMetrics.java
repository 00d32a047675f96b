package io.clstr.ports.out.metrics;

import java.util.function.LongSupplier;

/**
 * What the actor runtime reports. Labels are bounded: message types and actor groups (a kind of
 * actor, such as {@code entity-order}), never per-actor ids.
 */
public interface ActorMetrics {

    ActorMetrics NOOP = new ActorMetrics() {
    };

    /**
     * A message was handled ({@code clstr_actor_message_duration_seconds} and
     * {@code clstr_actor_messages_total}).
     */
    default void messageHandled(String messageType, boolean success, long nanos) {
    }

    /** A handler threw ({@code clstr_actor_panics_total}). */
    default void handlerFailed(String messageType) {
    }

    /** A message was refused because the mailbox was full ({@code clstr_actor_mailbox_rejections_total}). */
    default void mailboxRejected(String group) {
    }

    /** Queued messages of a group of actors ({@code clstr_actor_mailbox_depth}); registered once per group. */
    default void registerMailboxDepth(String group, LongSupplier depth) {
    }

    /** Running background tasks of a scheduler ({@code clstr_actor_scheduler_inflight}); registered once. */
    default void registerSchedulerInflight(String scheduler, LongSupplier inflight) {
    }

    /**
     * A background task finished ({@code clstr_actor_scheduler_task_duration_seconds} and
     * {@code clstr_actor_scheduler_tasks_total}).
     */
    default void taskCompleted(boolean success, long nanos) {
    }
}
