package io.clstr.bootstrap.loadtest;

import java.util.concurrent.CompletionStage;

/** Where the load goes: increments of counters, and their values for the final check. */
public interface LoadTarget extends Increments, AutoCloseable {

    /** The counter's value (0 if it was never incremented). */
    CompletionStage<Long> value(String counterId);

    /** The failure of an attempt that is safe to retry with the same command id; {@code kind} labels it. */
    final class RetryableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String kind;

        public RetryableException(String kind, String message) {
            super(message);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }
}
