package io.clstr.adapters.jackson.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.clstr.ports.out.codec.CodecException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson's exceptions into {@link CodecException}s that say what went wrong and where (the stored
 * type and the field path) without ever quoting the data: Jackson's own messages include offending
 * values, which may be personal data, so they are neither copied nor attached as causes. The one cause
 * kept is an exception thrown by the value's own constructor (its validation), which is our code.
 */
public final class CodecFailures {

    private CodecFailures() {
    }

    /**
     * Why {@code subject} (such as {@code 'order.placed.v1'}) could not be decoded.
     *
     * @param subject the stored type as it should appear in the message, quoted
     */
    public static CodecException decoding(String subject, IOException failure) {
        String path = failure instanceof JsonMappingException ? path((JsonMappingException) failure) : "";
        String where = path.isEmpty() ? "" : " at '" + path + "'";
        Throwable source = failure.getCause() instanceof StreamReadException ? failure.getCause() : failure;

        if (source instanceof StreamConstraintsException) {
            return new CodecException("cannot decode " + subject + where + ": exceeds the JSON size or depth limits");
        }
        if (source instanceof InputCoercionException) {
            Class<?> target = ((InputCoercionException) source).getTargetType();
            return new CodecException("cannot decode " + subject + where + ": number out of range for "
                    + (target == null ? "its type" : target.getSimpleName()));
        }
        if (source instanceof StreamReadException) {
            return new CodecException("cannot decode " + subject + where + ": malformed JSON"
                    + location(((StreamReadException) source).getLocation()));
        }
        if (failure instanceof ValueInstantiationException) {
            Class<?> type = ((ValueInstantiationException) failure).getType().getRawClass();
            Throwable rejection = failure.getCause();
            return new CodecException("cannot decode " + subject + where + ": the constructor of "
                    + type.getSimpleName() + " rejected the values"
                    + (rejection == null ? "" : " (" + rejection.getClass().getSimpleName() + ")"), rejection);
        }
        if (failure instanceof InvalidDefinitionException) {
            // A type Jackson cannot build at all: a programming error whose message names types, not data.
            return new CodecException("cannot decode " + subject + where + ": "
                    + ((InvalidDefinitionException) failure).getOriginalMessage());
        }
        return new CodecException("cannot decode " + subject + where + ": " + mismatch(failure));
    }

    /** Why a value of {@code valueType} could not be encoded as {@code subject}. */
    public static CodecException encoding(Class<?> valueType, String subject, JsonProcessingException failure) {
        String path = failure instanceof JsonMappingException ? path((JsonMappingException) failure) : "";
        // Encoding failures are programming errors (an unsupported field type, a throwing accessor), so
        // the cause is kept for its stack trace.
        return new CodecException("cannot encode " + valueType.getName() + " as " + subject
                + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + failure.getOriginalMessage(), failure);
    }

    private static String mismatch(IOException failure) {
        if (failure instanceof UnrecognizedPropertyException) {
            return "unknown property";
        }
        if (failure instanceof InvalidNullException) {
            return "null is not allowed";
        }
        if (failure instanceof MismatchedInputException) {
            // Jackson marks these cases with a message only; its wording has been stable for years, and
            // the fallback below still gives a correct (if vaguer) answer should it change.
            String message = String.valueOf(((MismatchedInputException) failure).getOriginalMessage());
            if (message.startsWith("Missing creator property") || message.startsWith("Missing required creator")) {
                return "missing required property";
            }
            if (message.startsWith("Cannot map `null`")) {
                return "null is not allowed";
            }
            if (message.startsWith("Trailing token")) {
                return "unexpected content after the value";
            }
            if (message.startsWith("No content to map")) {
                return "no content";
            }
            Class<?> target = ((MismatchedInputException) failure).getTargetType();
            if (target != null) {
                return "wrong type or format, expected " + describe(target);
            }
        }
        return "does not match the schema";
    }

    private static String describe(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (type == BigDecimal.class) {
            return "BigDecimal (a decimal in a JSON string)";
        }
        if (type.getPackageName().equals("java.time") && !type.isEnum()) {
            return type.getSimpleName() + " (an ISO-8601 string)";
        }
        if (type.isEnum()) {
            return "one of the names of " + type.getSimpleName();
        }
        return type.getSimpleName();
    }

    /**
     * The field path as {@code items[2].price}. Map keys are data, not schema, so they show as
     * {@code [<key>]}.
     */
    static String path(JsonMappingException failure) {
        List<JsonMappingException.Reference> references = failure.getPath();
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFrom() instanceof Map) {
                path.append("[<key>]");
            } else if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
