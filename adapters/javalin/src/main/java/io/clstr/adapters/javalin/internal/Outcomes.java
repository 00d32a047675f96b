package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.request.CommandOutcome;

/** The problem for a command that did not take effect. */
final class Outcomes {

    private Outcomes() {
    }

    static Problem problemFor(CommandOutcome<?> outcome) {
        if (outcome instanceof CommandOutcome.Rejected<?> rejected) {
            return Problem.rejected(rejected.code(), rejected.message());
        }
        if (outcome instanceof CommandOutcome.NotFound<?> notFound) {
            return Problem.of(ProblemCode.NOT_FOUND,
                    notFound.message() != null ? notFound.message() : "The addressed resource does not exist.");
        }
        if (outcome instanceof CommandOutcome.VersionMismatch<?> mismatch) {
            return Problem.of(ProblemCode.VERSION_MISMATCH, "The request expected version " + mismatch.expected()
                    + " but the current version is " + mismatch.actual() + ".");
        }
        throw new IllegalArgumentException("not a refusal: " + outcome.getClass().getSimpleName());
    }
}
