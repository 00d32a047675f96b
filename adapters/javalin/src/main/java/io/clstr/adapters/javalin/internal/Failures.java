package io.clstr.adapters.javalin.internal;

import io.clstr.ports.StageFailures;
import io.clstr.ports.in.request.CommandConflictException;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.in.request.VersionNotFoundException;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import io.clstr.ports.out.transport.TransportException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the problem the client sees, by one table: every failure type that may reach the HTTP
 * layer (the ports' exceptions, the adapter's own, a timeout) and its answer. Anything else is a bug, answered
 * 500. Messages of infrastructure failures can name subjects, nodes or classes, so none is passed on:
 * unexpected failures are logged under a random id and only the id reaches the client.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    private static final String RETRY = " Retrying with the same Idempotency-Key is safe.";

    /** Most specific first: the first entry whose type the failure has decides. */
    private static final List<Answer<?>> ANSWERS = List.of(
            new Answer<>(ProblemException.class, ProblemException::problem),
            new Answer<>(InvalidInputException.class, invalid -> Problem.invalid(
                    List.of(new Problem.FieldError(invalid.input(), invalid.problem())))),
            new Answer<>(CommandIdReusedException.class, reused -> Problem.of(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was first used for a different request. Repeat that request exactly to get"
                            + " its answer, or send a new key for a new request.")),
            new Answer<>(CommandTooLargeException.class, tooLarge -> Problem.of(ProblemCode.PAYLOAD_TOO_LARGE,
                    "The request would store more data than the event store takes at once. Send less (fewer or"
                            + " shorter values).")),
            new Answer<>(VersionNotFoundException.class,
                    missing -> Problem.of(ProblemCode.NOT_FOUND, missing.getMessage())),
            new Answer<>(CommandConflictException.class, conflict -> conflict()),
            new Answer<>(io.clstr.ports.out.eventstore.ConcurrencyConflictException.class, conflict -> conflict()),
            new Answer<>(WrongRevisionException.class, conflict -> conflict()),
            new Answer<>(KeyExistsException.class, conflict -> conflict()),
            new Answer<>(ServiceUnavailableException.class, unavailable -> unavailable(unavailable,
                    "The service could not answer in time." + RETRY)),
            new Answer<>(TimeoutException.class, timeout -> Problem.of(ProblemCode.SERVICE_UNAVAILABLE,
                    "The request did not complete in time." + RETRY)),
            // A store or the network failing under a use case that let it through: gone after a retry, as a rule.
            new Answer<>(EventStoreException.class, failure -> unavailable(failure,
                    "The service cannot reach its storage right now." + RETRY)),
            new Answer<>(KeyValueException.class, failure -> unavailable(failure,
                    "The service cannot reach its storage right now." + RETRY)),
            new Answer<>(TransportException.class, failure -> unavailable(failure,
                    "The service cannot reach the rest of its cluster right now." + RETRY)),
            // Stored data this node cannot read: no retry helps, an operator must look (the error id is logged).
            new Answer<>(CodecException.class, Failures::unexpected));

    private Failures() {
    }

    public static Problem problemFor(Throwable failure) {
        Throwable cause = StageFailures.causeOf(failure);
        for (Answer<?> answer : ANSWERS) {
            if (answer.type().isInstance(cause)) {
                return answer.problemFor(cause);
            }
        }
        return unexpected(cause);
    }

    /** Whether the table answers this type (so it is no bug when one reaches the HTTP layer). */
    static boolean answers(Class<? extends Throwable> type) {
        return ANSWERS.stream().anyMatch(answer -> answer.type().isAssignableFrom(type));
    }

    public static Problem unexpected(Throwable cause) {
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        LOG.error("Unexpected failure while serving a request (error id {})", errorId, cause);
        return Problem.unexpected(errorId);
    }

    private static Problem conflict() {
        return Problem.of(ProblemCode.CONCURRENCY_CONFLICT, "The resource was changed concurrently." + RETRY);
    }

    private static Problem unavailable(Throwable cause, String detail) {
        LOG.debug("Service unavailable", cause);
        return Problem.of(ProblemCode.SERVICE_UNAVAILABLE, detail);
    }

    /** The problem for one type of failure. */
    private record Answer<T extends Throwable>(Class<T> type, Function<T, Problem> problem) {

        Problem problemFor(Throwable failure) {
            return problem.apply(type.cast(failure));
        }
    }
}
