package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.Executor;

/** What every route handler uses: body reading, command headers, asynchronous calls and response writing. */
public record RouteSupport(JsonBodies bodies, CommandHeaders headers, UseCaseCalls calls, Responses responses) {

    /** @param writers runs the writing of asynchronous responses: the server's own threads */
    public static RouteSupport create(ObjectMapper mapper, int maxBodyBytes, Duration requestTimeout,
            String problemTypeBase, Executor writers) {
        Responses responses = new Responses(mapper, problemTypeBase);
        return new RouteSupport(new JsonBodies(mapper, maxBodyBytes), new CommandHeaders(requestTimeout),
                new UseCaseCalls(requestTimeout, responses, writers), responses);
    }
}
