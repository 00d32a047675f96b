package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.clstr.ports.in.request.CommandOutcome;
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
    private final String problemTypeBase;

    public Responses(ObjectMapper mapper, String problemTypeBase) {
        this.writer = mapper.writer();
        this.problemTypeBase = problemTypeBase;
    }

    public void json(Context ctx, int status, Object document) {
        ctx.status(status).contentType(JSON).result(bytes(document));
    }

    /** 200 with a resource at a version: the version is its ETag (the {@code If-Match} of the next command). */
    public void versioned(Context ctx, long version, Object document) {
        ctx.header(CommandHeaders.ETAG, CommandHeaders.etag(version));
        json(ctx, 200, document);
    }

    /**
     * A command that took effect: the resource's new version as ETag and, when the command id had been used
     * before, {@code Idempotent-Replayed} (the answer is the first one's).
     */
    public void accepted(Context ctx, int status, CommandOutcome.Accepted<?> accepted, long version, Object document) {
        ctx.header(CommandHeaders.ETAG, CommandHeaders.etag(version));
        if (accepted.repeated()) {
            ctx.header(CommandHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        json(ctx, status, document);
    }

    /** A command that created the resource at {@code location}: 201, its {@code Location}, as {@link #accepted}. */
    public void created(Context ctx, String location, CommandOutcome.Accepted<?> accepted, long version,
            Object document) {
        ctx.header("Location", location);
        accepted(ctx, 201, accepted, version, document);
    }

    public void problem(Context ctx, Problem problem) {
        if (problem.status() == 503) {
            ctx.header(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(problemBytes(problem, ctx.path()));
    }

    /** The problem as sent: its type under the configured base, for the request at this path (or none). */
    public byte[] problemBytes(Problem problem, String requestPath) {
        return bytes(problem.located(problemTypeBase, requestPath));
    }

    public byte[] bytes(Object document) {
        try {
            return writer.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
