package io.clstr.application.actor;

import java.util.concurrent.RejectedExecutionException;

/**
 * {@link BackgroundTasks} refused a task because its bounded queue is full
 * or it is closed. The task was not queued and will not run.
 */
public final class TaskRejectedException extends RejectedExecutionException {

    public TaskRejectedException(String message) {
        super(message);
    }
}
