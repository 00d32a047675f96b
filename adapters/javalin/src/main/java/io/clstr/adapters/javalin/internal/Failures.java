package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.request.ConcurrencyConflictException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the problem the client sees. Messages of infrastructure failures can name subjects,
 * nodes or classes, so none is passed on: unexpected failures are logged under a random id and only the id
 * reaches the client.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static Problem problemFor(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ProblemException problem) {
            return problem.problem();
        }
        if (cause instanceof ServiceUnavailableException) {
            LOG.debug("Service unavailable", cause);
            return Problem.of(ProblemCode.SERVICE_UNAVAILABLE,
                    "The service could not answer in time. Retrying with the same Idempotency-Key is safe.");
        }
        if (cause instanceof TimeoutException) {
            return Problem.of(ProblemCode.SERVICE_UNAVAILABLE,
                    "The request did not complete in time. Retrying with the same Idempotency-Key is safe.");
        }
        if (cause instanceof ConcurrencyConflictException) {
            LOG.debug("Concurrency conflict", cause);
            return Problem.of(ProblemCode.CONCURRENCY_CONFLICT,
                    "The resource was changed concurrently. Retrying with the same Idempotency-Key is safe.");
        }
        return unexpected(cause);
    }

    public static Problem unexpected(Throwable cause) {
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        LOG.error("Unexpected failure while serving a request (error id {})", errorId, cause);
        return Problem.unexpected(errorId);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
