package io.clstr.adapters.javalin.internal;

import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * What the log lines written while a request is handled say about it, as SLF4J's MDC fields: the request id
 * (set by {@link RequestIds}), the command id and the entity the route names. The fields live on the thread that
 * handles the request; {@link #current()} carries them to the thread that answers it later.
 */
public final class LogContext {

    public static final String REQUEST_ID = "request_id";
    public static final String COMMAND_ID = "command_id";
    /** The resource and id a route's {@code {id}} names, such as {@code orders/7f3c...}. */
    public static final String ENTITY = "entity";

    /** Ids that print as they are; others (free text, which ids may be) stay out of the logs. */
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");

    private final Map<String, String> fields;

    private LogContext(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The fields of this thread's request, to run its answer with elsewhere. */
    public static LogContext current() {
        return new LogContext(MDC.getCopyOfContextMap());
    }

    /** Runs {@code task} with these fields, then gives the thread back the fields it had. */
    public void run(Runnable task) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        replace(fields);
        try {
            task.run();
        } finally {
            replace(previous);
        }
    }

    static void commandId(String commandId) {
        MDC.put(COMMAND_ID, commandId);
    }

    /** A handler for matched routes: the entity their {@code {id}} names, under the route's first segment. */
    public static void entity(Context ctx) {
        String id = ctx.pathParamMap().get("id");
        if (id != null && PRINTABLE_ID.matcher(id).matches()) {
            String path = ctx.path();
            int end = path.indexOf('/', 1);
            MDC.put(ENTITY, (end < 0 ? path.substring(1) : path.substring(1, end)) + "/" + id);
        }
    }

    private static void replace(Map<String, String> fields) {
        if (fields == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }
}
