package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a request body into a request document: at most {@code maxBytes} (by the declared length first, then
 * by the bytes actually read, since a chunked body declares none), only as {@code application/json} in UTF-8,
 * and strictly bound. Every refusal is a {@link ProblemException} naming what was wrong.
 */
public final class JsonBodies {

    private static final byte[] NO_BODY = new byte[0];

    private final ObjectMapper mapper;
    private final int maxBytes;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public JsonBodies(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** The body, which must be present. */
    public <T> T required(Context ctx, Class<T> type) {
        byte[] body = read(ctx);
        if (body.length == 0) {
            throw ProblemException.of(ProblemCode.MALFORMED_JSON, "This request needs a JSON object as its body.");
        }
        return bind(body, type);
    }

    /** The body, or empty when the request has none. */
    public <T> Optional<T> optional(Context ctx, Class<T> type) {
        byte[] body = read(ctx);
        return body.length == 0 ? Optional.empty() : Optional.of(bind(body, type));
    }

    private byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        if (declared == 0) {
            return NO_BODY;
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ProblemException.of(ProblemCode.BAD_REQUEST, "The request body could not be read.");
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        if (body.length > 0) {
            requireJsonMediaType(ctx.header("Content-Type"));
        }
        return body;
    }

    private ProblemException tooLarge() {
        return ProblemException.of(ProblemCode.PAYLOAD_TOO_LARGE,
                "The request body must not be larger than " + maxBytes + " bytes.");
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}: JSON on the wire is UTF-8 (RFC 8259). */
    static void requireJsonMediaType(String contentType) {
        if (contentType == null) {
            throw ProblemException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "A request body needs the header Content-Type: application/json.");
        }
        String[] parts = contentType.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                json = charset.equals("utf-8");
            }
        }
        if (!json) {
            throw ProblemException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies must be application/json (UTF-8).");
        }
    }

    private <T> T bind(byte[] body, Class<T> type) {
        T value;
        try {
            value = readers.computeIfAbsent(type, mapper::readerFor).readValue(body);
        } catch (IOException e) {
            throw problemFor(e);
        }
        if (value == null) {
            throw notAnObject();
        }
        return value;
    }

    /** Jackson's messages name Java types, so they are replaced: only the field path and what it must be remain. */
    static ProblemException problemFor(IOException failure) {
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Throwable cause = mapping.getCause();
            if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
                return malformed();
            }
            String field = pathOf(mapping.getPath());
            return new ProblemException(Problem.invalid(List.of(new Problem.FieldError(field, messageFor(mapping)))));
        }
        if (failure instanceof MismatchedInputException) {
            return notAnObject();
        }
        if (failure instanceof JacksonException) {
            return malformed();
        }
        return ProblemException.of(ProblemCode.BAD_REQUEST, "The request body could not be read.");
    }

    private static String messageFor(JsonMappingException failure) {
        if (failure instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (failure.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        if (failure instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (target == null) {
                return "has the wrong type";
            }
            if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
                return "must be an integer";
            }
            if (target == String.class) {
                return "must be a string";
            }
            if (Collection.class.isAssignableFrom(target) || target.isArray()) {
                return "must be an array";
            }
            return "must be an object";
        }
        return "is invalid";
    }

    /** {@code lines[0].quantity}. */
    private static String pathOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static ProblemException malformed() {
        return ProblemException.of(ProblemCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }

    private static ProblemException notAnObject() {
        return ProblemException.of(ProblemCode.MALFORMED_JSON, "The request body must be a JSON object.");
    }
}
