package io.clstr.application.eventsourcing;

import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.actor.Scheduler;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Saves the checkpoint every {@code checkpointInterval} while a run lasts and the position has moved, so a
 * projection that goes quiet before {@code checkpointEvery} commits still saves its progress. The write
 * blocks, so it runs on the {@link BackgroundTasks}; its timer lives in the {@link RunState}, so the end of
 * the run cancels it.
 */
final class CheckpointFlusher {

    private final CommitApplier applier;
    private final RunState runs;
    private final Scheduler scheduler;
    private final BackgroundTasks background;
    private final ProjectionSettings settings;
    /** A periodic checkpoint write is queued or running: a slow commit holds it up, so never queue a second. */
    private final AtomicBoolean flushing = new AtomicBoolean();

    CheckpointFlusher(CommitApplier applier, RunState runs, Scheduler scheduler, BackgroundTasks background,
            ProjectionSettings settings) {
        this.applier = applier;
        this.runs = runs;
        this.scheduler = scheduler;
        this.background = background;
        this.settings = settings;
    }

    /** Arms the next flush of run {@code thisRun}, unless it has ended. */
    void arm(long thisRun) {
        runs.armFlush(thisRun, () -> scheduler.schedule(settings.checkpointInterval().toNanos(),
                () -> flushDue(thisRun)));
    }

    /** Runs on the scheduler thread: hands a due checkpoint write to the background tasks, then re-arms. */
    private void flushDue(long thisRun) {
        if (applier.checkpointBehind() && flushing.compareAndSet(false, true)) {
            background.submit(() -> {
                applier.saveCheckpoint();
                return null;
            }).whenComplete((ignored, refused) -> flushing.set(false));
        }
        arm(thisRun);
    }
}
