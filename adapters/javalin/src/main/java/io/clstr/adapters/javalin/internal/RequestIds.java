package io.clstr.adapters.javalin.internal;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well-formed (so one id follows a call
 * through proxies and services), a new one otherwise. The response carries it, and the log lines written while
 * the request is handled carry it as {@code request_id} (see {@link LogContext}). It wraps Javalin, so every
 * request that reaches a handler has one; a request Jetty refuses before (a malformed URI) has none.
 */
public final class RequestIds extends Handler.Wrapper {

    public static final String HEADER = "X-Request-Id";

    /** Ids of tracing tools and proxies fit (UUIDs, hex, base64); spaces, quotes and control characters do not. */
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._~:+/=-]{1,128}");
    private static final String ATTRIBUTE = RequestIds.class.getName();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SYNTAX.matcher(given).matches() ? given : CommandHeaders.newCommandId();
        request.setAttribute(ATTRIBUTE, id);
        response.getHeaders().put(HEADER, id);
        MDC.put(LogContext.REQUEST_ID, id);
        try {
            return super.handle(request, response, callback);
        } finally {
            // Jetty reuses its threads: nothing of this request may stay behind for the next.
            MDC.clear();
        }
    }

    /** The id of the request {@code ctx} answers. */
    public static String of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
