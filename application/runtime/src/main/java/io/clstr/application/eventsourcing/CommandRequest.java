package io.clstr.application.eventsourcing;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A command addressed to one entity.
 *
 * @param entityId the aggregate id
 * @param command the command
 * @param commandId identifies the command across retries; a repeated id returns the first outcome
 * @param expectedVersion if present, the command applies only if the entity is at this version
 * @param fingerprint what the request asked ({@link RequestFingerprint}); the same id with another fingerprint
 *     is refused with {@link io.clstr.ports.in.request.CommandIdReusedException}. {@link RequestFingerprint#NONE}
 *     checks nothing.
 */
public record CommandRequest<C>(String entityId, C command, String commandId, OptionalLong expectedVersion,
        long fingerprint) {

    public CommandRequest {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (commandId.isBlank()) {
            throw new IllegalArgumentException("command id must not be blank");
        }
    }

    /** A request without a fingerprint: its command id is not checked against what it was first used for. */
    public CommandRequest(String entityId, C command, String commandId, OptionalLong expectedVersion) {
        this(entityId, command, commandId, expectedVersion, RequestFingerprint.NONE);
    }

    public static <C> CommandRequest<C> of(String entityId, C command, String commandId) {
        return new CommandRequest<>(entityId, command, commandId, OptionalLong.empty());
    }
}
