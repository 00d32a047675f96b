package io.clstr.application.eventsourcing;

import java.lang.System.Logger.Level;

/**
 * Keeps a projection's position (the last commit handled) and saves it as its checkpoint: after every
 * {@code every} commits and whenever asked, only when it moved. A failed save is logged and left to the next
 * one: replaying a few commits after a restart changes nothing in an idempotent read model.
 *
 * <p>Not thread-safe: the {@link CommitApplier} calls it under its lock. The position and the saved checkpoint
 * may be read from any thread.
 */
final class CheckpointWriter {

    private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());

    private final CheckpointStore store;
    private final String projection;
    private final int every;

    private volatile long position;
    private volatile long saved;
    private int sinceSave;

    CheckpointWriter(CheckpointStore store, String projection, int every) {
        this.store = store;
        this.projection = projection;
        this.every = every;
    }

    /** The last commit handled. */
    long position() {
        return position;
    }

    /** The position last saved. */
    long saved() {
        return saved;
    }

    /** Whether the position moved past the saved checkpoint. */
    boolean behind() {
        return position > saved;
    }

    /** Reads the saved checkpoint and continues from it. */
    long load() {
        long loaded = store.load(projection);
        position = loaded;
        saved = loaded;
        sinceSave = 0;
        return loaded;
    }

    /** A commit at {@code commitPosition} was applied or parked: moves on, saving every {@code every} commits. */
    void handled(long commitPosition) {
        position = commitPosition;
        if (++sinceSave >= every) {
            sinceSave = 0;
            save();
        }
    }

    /** Saves the position if it moved. */
    void save() {
        long target = position;
        if (target <= saved) {
            return;
        }
        try {
            store.save(projection, target);
            saved = target;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "projection {0} could not save its checkpoint {1}: {2}", projection, target,
                    FailureSummary.of(e));
        }
    }

    /** Deletes the checkpoint and starts again from position 0, for a rebuild. */
    void reset() {
        store.reset(projection);
        position = 0;
        saved = 0;
        sinceSave = 0;
    }
}
