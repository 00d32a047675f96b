package io.clstr.adapters.javalin.internal;

import java.util.Objects;

/**
 * Ends a request with a problem response. Raised for expected client errors (bad input, wrong media type),
 * so it records no stack trace.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException of(ProblemCode code, String detail) {
        return new ProblemException(Problem.of(code, detail));
    }

    public Problem problem() {
        return problem;
    }
}
