package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param code the stable identifier clients match on; {@code type} is derived from it
 * @param errors the invalid fields, for validation failures
 * @param errorId for unexpected failures: the id under which the cause was logged
 */
public record Problem(String type, String title, int status, String detail, String code,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors, String errorId) {

    static final String TYPE_BASE = "https://clstr.io/problems/";
    static final String REJECTED_TITLE = "Command rejected";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(code, "code");
        errors = List.copyOf(errors);
    }

    /**
     * One invalid input: {@code field} is a path into the body ({@code lines[0].quantity}), a query or path
     * parameter, or a header.
     */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, code.name(), List.of(), null);
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid; see errors.";
        ProblemCode code = ProblemCode.VALIDATION_FAILED;
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, code.name(), errors, null);
    }

    /** A business rule refused the command; {@code code} comes from the domain. */
    public static Problem rejected(String code, String message) {
        return new Problem(typeOf(code), REJECTED_TITLE, 409, message, code, List.of(), null);
    }

    public static Problem unexpected(String errorId) {
        ProblemCode code = ProblemCode.INTERNAL_ERROR;
        String detail = "An unexpected error occurred. Quote error id " + errorId + " when reporting it.";
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, code.name(), List.of(), errorId);
    }

    /** For a bare status raised below the routes (by Jetty or Javalin): the adapter's code for it, or a generic one. */
    public static Problem forStatus(int status) {
        switch (status) {
            case 400:
                return of(ProblemCode.BAD_REQUEST, "The request could not be understood.");
            case 404:
                return of(ProblemCode.NOT_FOUND, "No resource exists at this path.");
            case 405:
                return of(ProblemCode.METHOD_NOT_ALLOWED, "This path does not support the request method; see Allow.");
            case 413:
                return of(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
            case 414:
                return of(ProblemCode.URI_TOO_LONG, "The request URI is too long.");
            case 431:
                return of(ProblemCode.HEADERS_TOO_LARGE, "The request headers are too large.");
            case 500:
                return of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred.");
            case 503:
                return of(ProblemCode.SERVICE_UNAVAILABLE, "The service cannot answer right now; retry later.");
            default:
                String code = "HTTP_" + status;
                String title = status >= 500 ? "Server error" : "Client error";
                return new Problem(typeOf(code), title, status, "The request could not be processed.", code, List.of(),
                        null);
        }
    }

    /** {@code EMPTY_ORDER} becomes {@code https://clstr.io/problems/empty-order}. */
    static String typeOf(String code) {
        return TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
