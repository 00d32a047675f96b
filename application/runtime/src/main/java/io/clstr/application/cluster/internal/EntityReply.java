package io.clstr.application.cluster.internal;

import io.clstr.domain.kernel.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (this instanceof Accepted accepted) {
                out.writeByte(1);
                out.writeLong(accepted.version());
                out.writeBoolean(accepted.repeated());
                out.writeUTF(accepted.stateType());
                out.writeInt(accepted.state().length);
                out.write(accepted.state());
            } else if (this instanceof Rejected rejected) {
                out.writeByte(2);
                out.writeLong(rejected.version());
                out.writeBoolean(rejected.repeated());
                out.writeUTF(rejected.rejection().code());
                out.writeUTF(rejected.rejection().message());
                // Last, so a node of the previous release, which stops before it, still reads the rest.
                out.writeUTF(rejected.rejection().kind().name());
            } else if (this instanceof Mismatch mismatch) {
                out.writeByte(3);
                out.writeLong(mismatch.expected());
                out.writeLong(mismatch.actual());
            } else if (this instanceof State state) {
                out.writeByte(4);
                out.writeLong(state.version());
                out.writeUTF(state.stateType());
                out.writeInt(state.state().length);
                out.write(state.state());
            } else {
                Failure failure = (Failure) this;
                out.writeByte(5);
                out.writeUTF(failure.kind().name());
                out.writeUTF(failure.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a reply; fails with {@link IllegalArgumentException} on anything malformed. */
    static EntityReply decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte kind = in.readByte();
            switch (kind) {
                case 1: {
                    long version = in.readLong();
                    boolean repeated = in.readBoolean();
                    String type = in.readUTF();
                    return new Accepted(version, repeated, type, Frames.bytes(in));
                }
                case 2: {
                    long version = in.readLong();
                    boolean repeated = in.readBoolean();
                    String code = in.readUTF();
                    String message = in.readUTF();
                    // A node of the previous release sends no kind: its rejections were all conflicts.
                    Rejection.Kind rejectionKind = in.available() > 0 ? Rejection.Kind.valueOf(in.readUTF())
                            : Rejection.Kind.CONFLICT;
                    return new Rejected(version, repeated, new Rejection(code, message, rejectionKind));
                }
                case 3:
                    return new Mismatch(in.readLong(), in.readLong());
                case 4: {
                    long version = in.readLong();
                    String type = in.readUTF();
                    return new State(version, type, Frames.bytes(in));
                }
                case 5:
                    return new Failure(FailureKind.valueOf(in.readUTF()), in.readUTF());
                default:
                    throw new IllegalArgumentException("unknown reply kind " + kind);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed entity reply", e);
        }
    }
}
