package io.clstr.adapters.javalin.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clstr.adapters.javalin.HttpSettings;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type the problem type: the configured base ({@link HttpSettings#problemTypeBase()}) and the code in
 *     kebab case; the factories use the default base, {@link Responses} rebases it as it writes the problem
 * @param instance the path of the request that met the problem; {@code null} where the request is unknown
 * @param code the stable identifier clients match on; {@code type} is derived from it
 * @param errors the invalid fields, for validation failures: at most {@link FieldErrors#MAX_REPORTED}
 * @param omittedErrors how many more fields are invalid than {@code errors} lists; {@code null} when none
 * @param errorId for unexpected failures: the id under which the cause was logged
 */
public record Problem(String type, String title, int status, String detail, String instance, String code,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors, Integer omittedErrors, String errorId) {

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
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, null, code.name(), List.of(),
                null, null);
    }

    /** Every invalid field. */
    public static Problem invalid(List<FieldError> errors) {
        return invalid(errors, errors.size());
    }

    /** The first invalid fields, of {@code count} in all. */
    public static Problem invalid(List<FieldError> errors, int count) {
        String detail;
        if (count == 1) {
            detail = errors.get(0).field() + " " + errors.get(0).message() + ".";
        } else if (count == errors.size()) {
            detail = count + " fields are invalid; see errors.";
        } else {
            detail = count + " fields are invalid; errors lists the first " + errors.size() + ".";
        }
        ProblemCode code = ProblemCode.VALIDATION_FAILED;
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, null, code.name(), errors,
                count > errors.size() ? count - errors.size() : null, null);
    }

    /** A business rule refused the command; {@code code} comes from the domain. */
    public static Problem rejected(String code, String message) {
        return new Problem(typeOf(code), REJECTED_TITLE, 409, message, null, code, List.of(), null, null);
    }

    public static Problem unexpected(String errorId) {
        ProblemCode code = ProblemCode.INTERNAL_ERROR;
        String detail = "An unexpected error occurred. Quote error id " + errorId + " when reporting it.";
        return new Problem(typeOf(code.name()), code.title(), code.status(), detail, null, code.name(), List.of(), null,
                errorId);
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
                return new Problem(typeOf(code), title, status, "The request could not be processed.", null, code,
                        List.of(), null, null);
        }
    }

    /** This problem as the client sees it: its type under {@code typeBase}, and the request path it answers. */
    Problem located(String typeBase, String requestPath) {
        return new Problem(typeOf(typeBase, code), title, status, detail, requestPath, code, errors, omittedErrors,
                errorId);
    }

    /** {@code EMPTY_ORDER} becomes {@code /problems/empty-order} under the default base. */
    static String typeOf(String code) {
        return typeOf(HttpSettings.DEFAULT_PROBLEM_TYPE_BASE, code);
    }

    static String typeOf(String typeBase, String code) {
        return typeBase + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
