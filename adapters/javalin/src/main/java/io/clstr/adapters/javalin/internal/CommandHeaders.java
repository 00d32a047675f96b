package io.clstr.adapters.javalin.internal;

import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The headers every command request may carry: {@code Idempotency-Key} becomes the command id (one is generated
 * when it is absent) and {@code If-Match} the version the command expects.
 */
public final class CommandHeaders {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IF_MATCH = "If-Match";
    public static final String ETAG = "ETag";
    /** Set on the answer to a repeated command: it took effect the first time, not now. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** UUIDs, ULIDs and base64 tokens fit; spaces, quotes and control characters, which travel badly, do not. */
    private static final Pattern IDEMPOTENCY_KEY_SYNTAX =
            Pattern.compile("[A-Za-z0-9._~:+/=-]{1," + RequestContext.MAX_COMMAND_ID_LENGTH + "}");
    private static final Pattern ENTITY_TAG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    private final Duration timeout;

    public CommandHeaders(Duration timeout) {
        this.timeout = timeout;
    }

    public RequestContext read(Context ctx) {
        FieldErrors errors = new FieldErrors();
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key != null && !IDEMPOTENCY_KEY_SYNTAX.matcher(key).matches()) {
            errors.add(IDEMPOTENCY_KEY, "must have 1 to " + RequestContext.MAX_COMMAND_ID_LENGTH
                    + " characters from A-Z a-z 0-9 . _ ~ : + / = -");
        }
        Long expectedVersion = expectedVersion(ctx.header(IF_MATCH), errors);
        errors.throwIfAny();
        RequestContext context = RequestContext.of(key != null ? key : newCommandId(), timeout);
        LogContext.commandId(context.commandId());
        return expectedVersion == null ? context : context.expectingVersion(expectedVersion);
    }

    /** {@code "5"} (the ETag this API sends) or a bare {@code 5}; {@code *} matches any version. */
    private static Long expectedVersion(String ifMatch, FieldErrors errors) {
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return null;
        }
        var matcher = ENTITY_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            errors.add(IF_MATCH, "must be one version as an entity tag, such as \"3\"");
            return null;
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * A random (version 4) UUID. {@link UUID#randomUUID()} draws on one shared {@code SecureRandom}, which
     * serialises busy servers; a command id must be unique, not secret.
     */
    static String newCommandId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
