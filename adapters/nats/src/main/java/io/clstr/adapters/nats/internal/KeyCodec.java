package io.clstr.adapters.nats.internal;

import java.util.Objects;

/**
 * Maps the key-value port's {@code /}-separated keys to JetStream KV keys and back: each segment becomes one
 * dot-separated token through {@link TokenCodec}. Segments can hold any character, yet two keys never share
 * a NATS key (the encoding is injective per segment, and segments cannot contain the separator), and
 * whole-segment prefixes become subject filters ({@code a/b/} lists {@code a.b.>}).
 */
public final class KeyCodec {

    private KeyCodec() {
    }

    /** The NATS key of a port key; fails with {@link IllegalArgumentException} on a malformed key. */
    public static String toNatsKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one segment");
        }
        StringBuilder natsKey = new StringBuilder(key.length() + 8);
        appendSegments(key, key.length(), natsKey);
        return natsKey.toString();
    }

    /** The port key of a NATS key made by {@link #toNatsKey}. */
    public static String fromNatsKey(String natsKey) {
        StringBuilder key = new StringBuilder(natsKey.length());
        int start = 0;
        while (true) {
            int dot = natsKey.indexOf('.', start);
            int end = dot < 0 ? natsKey.length() : dot;
            key.append(TokenCodec.decode(natsKey.substring(start, end)));
            if (dot < 0) {
                return key.toString();
            }
            key.append('/');
            start = dot + 1;
        }
    }

    /**
     * The KV subject filter (relative to the bucket) for every key under a port prefix: {@code ""} (all keys)
     * or whole segments ending in {@code /}.
     */
    public static String toFilter(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            return ">";
        }
        if (prefix.charAt(prefix.length() - 1) != '/') {
            throw new IllegalArgumentException("a key prefix is empty or ends with '/', got '" + prefix + "'");
        }
        StringBuilder filter = new StringBuilder(prefix.length() + 8);
        appendSegments(prefix, prefix.length() - 1, filter);
        return filter.append(".>").toString();
    }

    private static void appendSegments(String key, int end, StringBuilder out) {
        int start = 0;
        while (start <= end) {
            int slash = key.indexOf('/', start);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            if (segmentEnd == start) {
                throw new IllegalArgumentException("empty segment in key '" + key + "'");
            }
            for (int i = start; i < segmentEnd; i++) {
                if (Character.isISOControl(key.charAt(i))) {
                    throw new IllegalArgumentException("control character in key segment");
                }
            }
            if (start > 0) {
                out.append('.');
            }
            out.append(TokenCodec.encode(key.substring(start, segmentEnd)));
            start = segmentEnd + 1;
        }
    }
}
