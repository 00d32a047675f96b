package io.clstr.adapters.nats.internal;

import io.clstr.ports.StageFailures;
import io.nats.client.JetStreamApiException;

/** Recognises what the NATS client's futures fail with, through the wrappers it and the JDK put around it. */
public final class Failures {

    /** JetStream's "wrong last sequence": an expected-last-subject-sequence check failed. */
    public static final int WRONG_LAST_SEQUENCE = 10071;

    private Failures() {
    }

    /**
     * The underlying cause: {@link StageFailures#causeOf} plus the client's bare wrapping, which only this
     * adapter meets, in any order.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = StageFailures.causeOf(failure);
        while (current.getCause() != null && isBareWrapper(current)) {
            current = StageFailures.causeOf(current.getCause());
        }
        return current;
    }

    /** The JetStream API error code of a failure, or 0 if it is not an API error. */
    public static int apiErrorCode(Throwable failure) {
        return unwrap(failure) instanceof JetStreamApiException api ? api.getApiErrorCode() : 0;
    }

    // jnats's publishAsync wraps checked failures as new RuntimeException(cause), message = cause.toString().
    private static boolean isBareWrapper(Throwable failure) {
        return failure.getClass() == RuntimeException.class
                && String.valueOf(failure.getCause()).equals(failure.getMessage());
    }
}
