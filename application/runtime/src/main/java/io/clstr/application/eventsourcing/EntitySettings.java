package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.EventStore;
import java.time.Duration;
import java.util.Objects;

/**
 * How an entity runtime keeps its entities.
 *
 * @param idleTimeout an entity not used for this long is passivated (stopped, memory released)
 * @param maxActiveEntities above this many active entities, the least recently used are passivated
 * @param mailboxCapacity commands queued per entity before callers get a mailbox-full error
 * @param maxBatchCommands commands committed together in one append at most (group commit)
 * @param conflictRetries how often a command is decided again after a concurrency conflict
 * @param commandWindow command ids an entity remembers at least, for exactly-once retries
 * @param commandRetention how long an entity remembers a command id at least, however many follow it (up to
 *        {@value io.clstr.application.eventsourcing.EntitySettings#MAX_REMEMBERED_COMMANDS} ids); set it above the
 *        longest time a client keeps retrying one command
 * @param snapshotEvery take a snapshot after this many new events (0 = never)
 * @param snapshotSchemaVersion the version of the state's stored shape; snapshots of another version are ignored
 */
public record EntitySettings(
        Duration idleTimeout,
        int maxActiveEntities,
        int mailboxCapacity,
        int maxBatchCommands,
        int conflictRetries,
        int commandWindow,
        Duration commandRetention,
        int snapshotEvery,
        int snapshotSchemaVersion) {

    /** The most command ids one entity remembers, whatever the retention: about 12 MB for a very hot entity. */
    public static final int MAX_REMEMBERED_COMMANDS = 1 << 18;

    public EntitySettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(commandRetention, "commandRetention");
        if (commandRetention.isNegative()) {
            throw new IllegalArgumentException("command retention must not be negative");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        positive(maxActiveEntities, "maxActiveEntities");
        positive(mailboxCapacity, "mailboxCapacity");
        positive(commandWindow, "commandWindow");
        if (commandWindow > MAX_REMEMBERED_COMMANDS) {
            throw new IllegalArgumentException("commandWindow must be at most " + MAX_REMEMBERED_COMMANDS);
        }
        if (maxBatchCommands < 1 || maxBatchCommands > EventStore.MAX_EVENTS_PER_APPEND) {
            throw new IllegalArgumentException("maxBatchCommands must be 1.." + EventStore.MAX_EVENTS_PER_APPEND);
        }
        if (conflictRetries < 0 || snapshotEvery < 0) {
            throw new IllegalArgumentException("conflictRetries and snapshotEvery must not be negative");
        }
    }

    /**
     * Idle 2 minutes, 100k active, mailbox 1024, batches of 256, 1 retry, command ids remembered for 15 s and at
     * least the last 512, snapshots every 100.
     */
    public static EntitySettings defaults() {
        return new EntitySettings(Duration.ofMinutes(2), 100_000, 1024, 256, 1, 512, Duration.ofSeconds(15), 100, 1);
    }

    public EntitySettings withIdleTimeout(Duration value) {
        return new EntitySettings(value, maxActiveEntities, mailboxCapacity, maxBatchCommands, conflictRetries,
                commandWindow, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withMaxActiveEntities(int value) {
        return new EntitySettings(idleTimeout, value, mailboxCapacity, maxBatchCommands, conflictRetries,
                commandWindow, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withMailboxCapacity(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, value, maxBatchCommands, conflictRetries,
                commandWindow, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withMaxBatchCommands(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, value, conflictRetries,
                commandWindow, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withConflictRetries(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, maxBatchCommands, value,
                commandWindow, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withCommandWindow(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, maxBatchCommands, conflictRetries,
                value, commandRetention, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withCommandRetention(Duration value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, maxBatchCommands, conflictRetries,
                commandWindow, value, snapshotEvery, snapshotSchemaVersion);
    }

    public EntitySettings withSnapshotEvery(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, maxBatchCommands, conflictRetries,
                commandWindow, commandRetention, value, snapshotSchemaVersion);
    }

    public EntitySettings withSnapshotSchemaVersion(int value) {
        return new EntitySettings(idleTimeout, maxActiveEntities, mailboxCapacity, maxBatchCommands, conflictRetries,
                commandWindow, commandRetention, snapshotEvery, value);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
