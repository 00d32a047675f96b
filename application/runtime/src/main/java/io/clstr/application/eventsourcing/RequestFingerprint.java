package io.clstr.application.eventsourcing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit fingerprint of what a request asks for: its operation and content, and its caller where there is
 * one. An entity binds each command id to the fingerprint of the request it was first used for, so the same id
 * sent with a different request is refused ({@link io.clstr.ports.in.request.CommandIdReusedException}) instead
 * of answered with the first request's outcome (two clients that pick the same key would get each other's
 * order). Build it from what the caller sent, never from what the service adds (times, ids it derives):
 * otherwise every retry would look like a new request.
 *
 * <p>It is the first 64 bits of a SHA-256 over the parts, each with its length, so two different requests
 * share a fingerprint only by a collision nobody can aim for.
 */
public final class RequestFingerprint {

    /** No fingerprint: the request is not checked, and an id remembered without one matches any request. */
    public static final long NONE = 0;

    private RequestFingerprint() {
    }

    /**
     * @param operation names what is asked, such as {@code place-order}
     * @param parts the request's content, each compared by its {@code String.valueOf}
     */
    public static long of(String operation, Object... parts) {
        MessageDigest digest = sha256();
        add(digest, operation);
        for (Object part : parts) {
            add(digest, part);
        }
        long fingerprint = ByteBuffer.wrap(digest.digest()).getLong();
        return fingerprint == NONE ? 1 : fingerprint;
    }

    /** Whether two fingerprints may stand for the same request: equal, or either unknown. */
    public static boolean same(long first, long second) {
        return first == NONE || second == NONE || first == second;
    }

    private static void add(MessageDigest digest, Object part) {
        if (part == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] text = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(text.length).array());
        digest.update(text);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
