package io.clstr.application.eventsourcing.internal;

import java.util.List;

/**
 * What a recovery read produced, computed off the actor's thread and handed to it in one message.
 *
 * @param window the command window restored from a snapshot, or {@code null} to keep the entity's own
 * @param commands (command id, version, time stored, request fingerprint) of the events read, to add to the
 *     window in order
 */
record Recovery<S>(S state, long version, long position, CommandWindow window, List<CommandSeen> commands,
        long lastSnapshotVersion, long startedNanos) {

    record CommandSeen(String commandId, long version, long atMillis, long fingerprint) {
    }
}
