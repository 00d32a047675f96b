package io.clstr.ports.in.request;

import io.clstr.domain.kernel.Ids;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What every command request carries besides its data.
 *
 * @param commandId identifies the command across retries: a repeated id returns the first outcome and
 *     changes nothing (from the HTTP {@code Idempotency-Key} header, or generated at the edge); an id as
 *     {@link Ids} defines it
 * @param expectedVersion if present, the command applies only to this version of the aggregate (HTTP
 *     {@code If-Match}); otherwise it applies to the current one
 * @param timeout how long the caller waits for the outcome, retries included
 */
public record RequestContext(String commandId, OptionalLong expectedVersion, Duration timeout) {

    public static final int MAX_COMMAND_ID_LENGTH = 128;

    public RequestContext {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(timeout, "timeout");
        if (commandId.isEmpty() || commandId.length() > MAX_COMMAND_ID_LENGTH) {
            throw new IllegalArgumentException("command id must have 1 to " + MAX_COMMAND_ID_LENGTH + " characters");
        }
        Ids.require(commandId, "command id");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public static RequestContext of(String commandId, Duration timeout) {
        return new RequestContext(commandId, OptionalLong.empty(), timeout);
    }

    public RequestContext expectingVersion(long version) {
        return new RequestContext(commandId, OptionalLong.of(version), timeout);
    }
}
