package io.clstr.bootstrap.loadtest;

import java.util.concurrent.CompletionStage;

/** What the load generator sends: increments of counters, each with its command id. */
public interface Increments {

    /**
     * Increments a counter by one. Completes when the increment is acknowledged; fails with
     * {@link LoadTarget.RetryableException} when it may be retried with the same command id.
     */
    CompletionStage<Void> increment(String counterId, String commandId);
}
