package io.clstr.application.cluster.internal;

import io.clstr.domain.kernel.Rejection;

/**
 * An entity's answer as it crosses the transport. Outcomes keep their kind, so a business rejection
 * stays a rejection and a conflict stays a conflict on the caller's side, instead of becoming a string.
 */
public sealed interface EntityReply {

    /** The command is stored; the state right after it. */
    record Accepted(long version, boolean repeated, String stateType, byte[] state) implements EntityReply {
    }

    /** A business rule refused the command. */
    record Rejected(long version, boolean repeated, Rejection rejection) implements EntityReply {
    }

    /** The command expected another version. */
    record Mismatch(long expected, long actual) implements EntityReply {
    }

    /** The entity's committed state. */
    record State(long version, String stateType, byte[] state) implements EntityReply {
    }

    /** The request failed; {@code kind} tells the caller whether to retry. */
    record Failure(FailureKind kind, String message) implements EntityReply {
    }

    /** Why a request failed, as far as the caller needs to know. */
    enum FailureKind {
        /** A concurrency conflict survived the entity's retries: nothing stored, safe to retry. */
        CONFLICT,
        /** This node does not (or no longer) serve the shard: retry, it is moving. */
        NOT_OWNER,
        /** The node's stores are unavailable or the entity is not there yet: retry shortly. */
        UNAVAILABLE,
        /** The entity is overloaded (its mailbox is full): retrying now would only add to it, so the caller sheds. */
        OVERLOADED,
        /** The command id was first used for a different request. */
        COMMAND_ID_REUSED,
        /** The command's events are more than one append takes. */
        TOO_LARGE,
        /** The request itself is invalid: retrying cannot help. */
        INVALID,
        /** Anything else. */
        INTERNAL
    }

    default byte[] encode() {
        if (this instanceof Accepted accepted) {
            return new WireWriter(32 + accepted.stateType().length() + accepted.state().length)
                    .writeByte(1)
                    .writeLong(accepted.version())
                    .writeBoolean(accepted.repeated())
                    .writeUtf(accepted.stateType())
                    .writeBytes(accepted.state())
                    .toByteArray();
        }
        if (this instanceof Rejected rejected) {
            return new WireWriter(64)
                    .writeByte(2)
                    .writeLong(rejected.version())
                    .writeBoolean(rejected.repeated())
                    .writeUtf(rejected.rejection().code())
                    .writeUtf(rejected.rejection().message())
                    // Last, so a node of the previous release, which stops before it, still reads the rest.
                    .writeUtf(rejected.rejection().kind().name())
                    .toByteArray();
        }
        if (this instanceof Mismatch mismatch) {
            return new WireWriter(17).writeByte(3).writeLong(mismatch.expected()).writeLong(mismatch.actual())
                    .toByteArray();
        }
        if (this instanceof State state) {
            return new WireWriter(32 + state.stateType().length() + state.state().length)
                    .writeByte(4)
                    .writeLong(state.version())
                    .writeUtf(state.stateType())
                    .writeBytes(state.state())
                    .toByteArray();
        }
        Failure failure = (Failure) this;
        return new WireWriter(64).writeByte(5).writeUtf(failure.kind().name()).writeUtf(failure.message())
                .toByteArray();
    }

    /** Reads a reply; fails with {@link IllegalArgumentException} on anything malformed. */
    static EntityReply decode(byte[] body) {
        try {
            WireReader in = new WireReader(body);
            byte kind = in.readByte();
            switch (kind) {
                case 1: {
                    long version = in.readLong();
                    boolean repeated = in.readBoolean();
                    String type = in.readUtf();
                    return new Accepted(version, repeated, type, in.readBytes());
                }
                case 2: {
                    long version = in.readLong();
                    boolean repeated = in.readBoolean();
                    String code = in.readUtf();
                    String message = in.readUtf();
                    // A node of the previous release sends no kind: its rejections were all conflicts.
                    Rejection.Kind rejectionKind = in.hasMore() ? Rejection.Kind.valueOf(in.readUtf())
                            : Rejection.Kind.CONFLICT;
                    return new Rejected(version, repeated, new Rejection(code, message, rejectionKind));
                }
                case 3:
                    return new Mismatch(in.readLong(), in.readLong());
                case 4: {
                    long version = in.readLong();
                    String type = in.readUtf();
                    return new State(version, type, in.readBytes());
                }
                case 5:
                    return new Failure(FailureKind.valueOf(in.readUtf()), in.readUtf());
                default:
                    throw new IllegalArgumentException("unknown reply kind " + kind);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed entity reply", e);
        }
    }
}
