package io.clstr.adapters.javalin.internal;

/**
 * The problems the adapter itself raises. Business rejections add their own codes (from the domain) on top.
 * Clients match on the code: never rename one.
 */
public enum ProblemCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    VALIDATION_FAILED(400, "Invalid request"),
    BAD_REQUEST(400, "Bad request"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONCURRENCY_CONFLICT(409, "Concurrent modification"),
    VERSION_MISMATCH(412, "Version mismatch"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    NOT_READY(503, "Not ready");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
