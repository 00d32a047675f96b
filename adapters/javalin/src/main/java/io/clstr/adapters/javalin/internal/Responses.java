package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/** Writes response documents and problems. */
public final class Responses {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String RETRY_AFTER = "Retry-After";
    /** Short: a 503 here means a moment of overload or a shard changing owner, not maintenance. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private final ObjectWriter writer;

    public Responses(ObjectMapper mapper) {
        this.writer = mapper.writer();
    }

    public void json(Context ctx, int status, Object document) {
        ctx.status(status).contentType(JSON).result(bytes(document));
    }

    public void problem(Context ctx, Problem problem) {
        if (problem.status() == 503) {
            ctx.header(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(bytes(problem));
    }

    public byte[] bytes(Object document) {
        try {
            return writer.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
