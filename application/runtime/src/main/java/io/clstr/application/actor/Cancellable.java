package io.clstr.application.actor;

/** A handle on something scheduled. */
@FunctionalInterface
public interface Cancellable {

    /** Prevents the task from running if it has not started; returns whether this call cancelled it. */
    boolean cancel();
}
