package io.clstr.application.eventsourcing.internal;

import io.clstr.application.eventsourcing.AggregateHistory;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rebuilds entity state from the stores: the latest usable snapshot, the command ids of the events from where its
 * command window started up to it, then the events after it.
 * Runs off the actor's thread; the result is handed to the actor in one message.
 */
public final class EventReplay<C, E, S> {

    private static final System.Logger LOG = System.getLogger(EventReplay.class.getName());
    /** Events read at once to rebuild a snapshot's command window. */
    private static final int WINDOW_PAGE = 4096;

    private final EntityEnvironment<C, E, S> env;
    private final AggregateHistory<C, E, S> history;

    public EventReplay(EntityEnvironment<C, E, S> env) {
        this.env = env;
        this.history = new AggregateHistory<>(env.aggregate(), env.store(), env.codec(), env.metrics());
    }

    /**
     * Full recovery. The stream's version comes first: a new stream needs no further read, and one shorter than a
     * snapshot interval cannot have a snapshot under the current settings, so it is replayed without looking one
     * up. A longer stream starts from its snapshot (if usable) and the commands of its window, plus the tail.
     */
    CompletionStage<Recovery<S>> recover(StreamId stream) {
        long started = System.nanoTime();
        if (env.snapshots().isEmpty()) {
            return catchUp(stream, initial(stream, started));
        }
        return env.store().streamVersion(stream).thenCompose(version -> {
            if (version == 0) {
                return CompletableFuture.completedFuture(initial(stream, started));
            }
            if (version < env.settings().snapshotEvery()) {
                return catchUp(stream, initial(stream, started));
            }
            return env.background().submit(() -> fromSnapshot(stream, started))
                    .thenCompose(restored -> rebuildWindow(stream, restored.recovery(), restored.windowStart()))
                    .thenCompose(base -> base.version() >= version ? CompletableFuture.completedFuture(base)
                            : catchUp(stream, base));
        });
    }

    /**
     * Puts back into a snapshot's window the commands of the events from {@code from} to the snapshot's version,
     * read a page at a time: the window's accepted commands, which the snapshot does not carry.
     */
    private CompletionStage<Recovery<S>> rebuildWindow(StreamId stream, Recovery<S> base, long from) {
        if (from < 1 || from > base.version()) {
            return CompletableFuture.completedFuture(base);
        }
        long to = Math.min(base.version(), from + WINDOW_PAGE - 1);
        return env.store().readStream(stream, from, to).thenCompose(events -> {
            for (RecordedEvent recorded : events) {
                String commandId = recorded.metadata().get(EventEnvelope.COMMAND_ID);
                if (commandId != null) {
                    base.window().accepted(commandId, recorded.version(), recorded.recordedAt().toEpochMilli(),
                            fingerprintOf(recorded));
                }
            }
            return events.isEmpty() ? CompletableFuture.completedFuture(base) : rebuildWindow(stream, base, to + 1);
        });
    }

    /** Reads the events after {@code base.version()} and folds them onto it. */
    CompletionStage<Recovery<S>> catchUp(StreamId stream, Recovery<S> base) {
        long readStarted = System.nanoTime();
        return env.store().readStream(stream, base.version() + 1).thenApply(events -> {
            env.metrics().storeLoad(env.aggregate().type(), System.nanoTime() - readStarted);
            S state = base.state();
            long version = base.version();
            long position = base.position();
            List<Recovery.CommandSeen> commands = new ArrayList<>(base.commands());
            for (RecordedEvent recorded : events) {
                if (recorded.version() != version + 1) {
                    throw new IllegalStateException("stream " + stream + " jumps from version " + version + " to "
                            + recorded.version());
                }
                state = env.aggregate().evolve(state, decode(recorded));
                version = recorded.version();
                position = recorded.position();
                String commandId = recorded.metadata().get(EventEnvelope.COMMAND_ID);
                if (commandId != null) {
                    commands.add(new Recovery.CommandSeen(commandId, version, recorded.recordedAt().toEpochMilli(),
                            fingerprintOf(recorded)));
                }
            }
            return new Recovery<>(state, version, position, base.window(), commands, base.lastSnapshotVersion(),
                    base.startedNanos());
        });
    }

    /**
     * The state right after an earlier version (to answer a repeated command as it was first answered), replayed
     * from a checkpoint at or before it when there is one.
     */
    CompletionStage<S> stateAt(StreamId stream, long version, StateCheckpoints.Checkpoint<S> from) {
        if (from != null) {
            return history.stateAt(stream.id(), new Versioned<>(from.state(), from.version()), version)
                    .thenApply(Versioned::state);
        }
        return history.stateAt(stream.id(), version).thenApply(found -> found
                .orElseThrow(() -> new IllegalStateException(stream + " has no version " + version)).state());
    }

    /** The fingerprint an event recorded for its command; none if it has none or an unreadable one. */
    private static long fingerprintOf(RecordedEvent recorded) {
        String hex = recorded.metadata().get(EventEnvelope.COMMAND_FINGERPRINT);
        if (hex == null) {
            return RequestFingerprint.NONE;
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            return RequestFingerprint.NONE;
        }
    }

    private E decode(RecordedEvent recorded) {
        return history.decode(recorded);
    }

    private Recovery<S> initial(StreamId stream, long started) {
        return new Recovery<>(env.aggregate().initialState(stream.id()), 0, 0, null, List.of(), 0, started);
    }

    /**
     * A snapshot's recovery and the version from which the events hold its window's accepted commands ({@code 0}
     * if there are none to read).
     */
    private record Restored<S>(Recovery<S> recovery, long windowStart) {
    }

    private Restored<S> fromSnapshot(StreamId stream, long started) {
        return snapshotOf(stream, started).orElseGet(() -> new Restored<>(initial(stream, started), 0));
    }

    /** The snapshot's state and window, or nothing when there is no usable snapshot. */
    private Optional<Restored<S>> snapshotOf(StreamId stream, long started) {
        long loadStarted = System.nanoTime();
        Snapshot snapshot;
        try {
            snapshot = env.snapshots().orElseThrow().load(stream).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot of {0} could not be loaded; replaying the stream: {1}", stream,
                    e.toString());
            return Optional.empty();
        } finally {
            env.metrics().snapshotLoad(env.aggregate().type(), System.nanoTime() - loadStarted);
        }
        if (snapshot == null) {
            return Optional.empty();
        }
        if (snapshot.schemaVersion() != env.settings().snapshotSchemaVersion()
                || !snapshot.stateType().equals(env.stateTypeName())) {
            LOG.log(Level.DEBUG, "ignoring snapshot of {0}: schema {1} of {2}, expected {3} of {4}", stream,
                    snapshot.schemaVersion(), snapshot.stateType(), env.settings().snapshotSchemaVersion(),
                    env.stateTypeName());
            return Optional.empty();
        }
        try {
            SnapshotFormat.Body body = SnapshotFormat.read(snapshot.state(), CommandWindow.of(env.settings()));
            S state = env.codec().decode(snapshot.stateType(), body.state(), env.aggregate().stateType());
            return Optional.of(new Restored<>(new Recovery<>(state, snapshot.version(), snapshot.position(),
                    body.window(), List.of(), snapshot.version(), started), body.windowStart()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot of {0} is unreadable; replaying the stream: {1}", stream, e.toString());
            return Optional.empty();
        }
    }
}
