package io.clstr.adapters.javalin.internal;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Path and query parameters. Unknown or repeated query parameters are refused, so a misspelt filter
 * ({@code ?stauts=PLACED}) is reported instead of silently matching everything.
 */
public final class Parameters {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private final Map<String, List<String>> query;

    private Parameters(Map<String, List<String>> query) {
        this.query = query;
    }

    /** The query parameters of the request, of which only {@code known} are allowed. */
    public static Parameters query(Context ctx, List<String> known, FieldErrors errors) {
        Map<String, List<String>> query = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                errors.add(parameter.getKey(), known.isEmpty() ? "is not a query parameter of this path, which takes none"
                        : "is not a known query parameter; known are " + String.join(", ", known));
            } else if (parameter.getValue().size() > 1) {
                errors.add(parameter.getKey(), "must be given once");
            }
        }
        return new Parameters(query);
    }

    /** The value, or {@code null} when absent. */
    public String get(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A positive integer, or {@code null} when absent or invalid (recorded). */
    public Long positiveLong(String name, FieldErrors errors) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        if (DIGITS.matcher(value).matches()) {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        }
        errors.add(name, "must be a positive integer");
        return null;
    }

    /** A path parameter that names an entity: ends the request with 400 when it is not a valid id. */
    public static String pathId(Context ctx, String name) {
        FieldErrors errors = new FieldErrors();
        String id = errors.id(name, ctx.pathParam(name));
        errors.throwIfAny();
        return id;
    }
}
