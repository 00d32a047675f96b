package io.clstr.application.eventsourcing.internal;

import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.ports.out.eventstore.AppendResult;

/** The protocol of an entity actor. */
public sealed interface EntityMessage {

    /** Run a command (an ask; the reply is a {@code CommandResult}). */
    record Execute(CommandRequest<?> request, long arrivedNanos) implements EntityMessage {
    }

    /** Read the committed state (an ask; the reply is a {@code Versioned}). */
    record ReadState(String entityId) implements EntityMessage {
    }

    /** Stop once idle: no command queued, deciding or being appended. */
    record Passivate() implements EntityMessage {
    }

    /** Recovery (or a catch-up read after a failed append) finished. */
    record Recovered(Recovery<?> recovery) implements EntityMessage {
    }

    /** Recovery failed: the entity cannot serve until reactivated. */
    record RecoveryFailed(Throwable error) implements EntityMessage {
    }

    /** An append finished, successfully ({@code result}) or not ({@code error}). */
    record AppendDone(Object batch, AppendResult result, Throwable error) implements EntityMessage {
    }

    /**
     * Append what was decided. Posted behind the commands already in the mailbox, so that they are decided first
     * and go into the same append (group commit without waiting on a slow store).
     */
    record Flush() implements EntityMessage {
    }

    /** A snapshot finished being written (or failed): another may be due. */
    record SnapshotWritten() implements EntityMessage {
    }
}
