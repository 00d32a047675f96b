package io.clstr.adapters.javalin;

import io.clstr.adapters.javalin.internal.LogContext;
import io.clstr.adapters.javalin.internal.RequestIds;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line at info per answered request: method, path (never the query, which may carry personal data),
 * status and duration, with the request id. Its logger, {@link #LOGGER}, is off unless the logging setup turns
 * it on.
 */
public final class AccessLog {

    public static final String LOGGER = AccessLog.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AccessLog() {
    }

    static void record(Context ctx, float millis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Javalin may log a request that answered later on another thread than the one that took it.
        String previous = MDC.get(LogContext.REQUEST_ID);
        String requestId = RequestIds.of(ctx);
        if (requestId != null) {
            MDC.put(LogContext.REQUEST_ID, requestId);
        }
        try {
            LOG.atInfo().setMessage("{} {} {} {} ms")
                    .addArgument(ctx.method().name()).addArgument(ctx.path()).addArgument(ctx.statusCode())
                    .addArgument(Math.round(millis))
                    .addKeyValue("method", ctx.method().name())
                    .addKeyValue("path", ctx.path())
                    .addKeyValue("status", ctx.statusCode())
                    .addKeyValue("duration_ms", Math.round(millis))
                    .log();
        } finally {
            if (previous == null) {
                MDC.remove(LogContext.REQUEST_ID);
            } else {
                MDC.put(LogContext.REQUEST_ID, previous);
            }
        }
    }
}
