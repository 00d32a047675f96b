package io.clstr.ports.out.eventstore;

/**
 * Receives the commits of a subscription. Calls come from one thread at a time, in position
 * order, with no gaps and no repeats.
 */
public interface CommitListener {

    /** One commit. If this throws, the subscription ends with that error. */
    void onCommit(RecordedCommit commit);

    /** The subscription has delivered everything stored when it started and is now live. Called once. */
    default void onLive() {
    }

    /** The subscription ended with an error (it will deliver nothing more). */
    default void onError(Throwable error) {
    }
}
