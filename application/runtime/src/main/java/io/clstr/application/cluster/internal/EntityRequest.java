package io.clstr.application.cluster.internal;

import java.util.Objects;

/**
 * A request to an entity, as it crosses the transport to the shard's owner. Everything that may
 * hold arbitrary characters (ids) travels in the body, not in headers.
 *
 * @param operation {@link #EXECUTE} or {@link #READ_STATE}
 * @param expectedVersion -1 for none
 * @param timeoutMillis how much longer the caller waits, as of sending; later work is pointless. A duration,
 *     not an instant, so the clocks of caller and callee need not agree
 * @param payloadType the command's stored type name (empty for reads)
 * @param fingerprint what the command's request asked (see {@code CommandRequest}); 0 for none
 */
public record EntityRequest(byte operation, String aggregateType, String entityId, String commandId,
        long expectedVersion, long timeoutMillis, String payloadType, byte[] payload, long fingerprint) {

    public static final byte EXECUTE = 1;
    public static final byte READ_STATE = 2;
    private static final byte FORMAT = 3;

    public EntityRequest {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeoutMillis + " ms");
        }
    }

    /** The same request with another timeout (for a retry, with what is left of the caller's). */
    public EntityRequest withTimeoutMillis(long millis) {
        return new EntityRequest(operation, aggregateType, entityId, commandId, expectedVersion, millis, payloadType,
                payload, fingerprint);
    }

    public byte[] encode() {
        return new WireWriter(64 + payload.length)
                .writeByte(FORMAT)
                .writeByte(operation)
                .writeUtf(aggregateType)
                .writeUtf(entityId)
                .writeUtf(commandId)
                .writeLong(expectedVersion)
                .writeLong(timeoutMillis)
                .writeUtf(payloadType)
                .writeBytes(payload)
                .writeLong(fingerprint)
                .toByteArray();
    }

    /** Reads a request; fails with {@link IllegalArgumentException} on anything malformed. */
    public static EntityRequest decode(byte[] body) {
        try {
            WireReader in = new WireReader(body);
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("unknown request format");
            }
            byte operation = in.readByte();
            if (operation != EXECUTE && operation != READ_STATE) {
                throw new IllegalArgumentException("unknown operation " + operation);
            }
            String type = in.readUtf();
            String entityId = in.readUtf();
            String commandId = in.readUtf();
            long expected = in.readLong();
            long timeout = in.readLong();
            String payloadType = in.readUtf();
            byte[] payload = in.readBytes();
            long fingerprint = in.readLong();
            return new EntityRequest(operation, type, entityId, commandId, expected, timeout, payloadType, payload,
                    fingerprint);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed entity request", e);
        }
    }
}
