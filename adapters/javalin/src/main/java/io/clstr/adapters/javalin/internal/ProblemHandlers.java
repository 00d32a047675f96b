package io.clstr.adapters.javalin.internal;

import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes every failure inside Javalin, expected or not, end in a problem response. */
public final class ProblemHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private final Responses responses;

    public ProblemHandlers(Responses responses) {
        this.responses = responses;
    }

    /** Javalin picks the handler of the closest superclass, so each kind of failure lands in one place. */
    public void register(JavalinDefaultRoutingApi routes) {
        routes.exception(ProblemException.class, (failure, ctx) -> responses.problem(ctx, failure.problem()));
        routes.exception(HttpResponseException.class, (failure, ctx) -> {
            if (failure instanceof MethodNotAllowedResponse) {
                ctx.header("Allow", allowedMethods(failure.getDetails()));
            }
            responses.problem(ctx, Problem.forStatus(failure.getStatus()));
        });
        routes.exception(Exception.class, (failure, ctx) -> responses.problem(ctx, Failures.problemFor(failure)));
    }

    /** For {@link Error}s, which Javalin hands over with only the servlet response. */
    public void writeError(HttpServletResponse response, Error error) {
        Problem problem = Failures.unexpected(error);
        if (response.isCommitted()) {
            return;
        }
        try {
            response.reset();
            response.setStatus(problem.status());
            response.setContentType(Responses.PROBLEM_JSON);
            // Javalin hands over no request here, so the problem names no instance.
            response.getOutputStream().write(responses.problemBytes(problem, null));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the problem for error id {}", problem.errorId(), e);
        }
    }

    /** Javalin lists them under a key that depends on whether the client accepts HTML. */
    private static String allowedMethods(Map<String, String> details) {
        return details.values().stream().findFirst().orElse("");
    }
}
