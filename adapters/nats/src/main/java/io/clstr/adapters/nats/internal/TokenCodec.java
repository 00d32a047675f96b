package io.clstr.adapters.nats.internal;

import java.util.Objects;

/**
 * Encodes any non-empty string as one NATS subject token that is also a valid JetStream KV key token, and
 * back.
 *
 * <p>Letters, digits, {@code -} and {@code _} stand for themselves. Every other UTF-16 unit becomes
 * {@code =XX} (two upper-case hex digits) when below 0x100, else {@code =uXXXX}. The escape character
 * {@code =} is itself escaped, and the code is prefix-free, so decoding is unambiguous and the encoding
 * injective: two different strings never share a token. Only the canonical form decodes, so
 * {@code encode(decode(t)) == t} for every accepted token. Working on UTF-16 units (not code points) keeps
 * even unpaired surrogates lossless.
 */
public final class TokenCodec {

    private static final char ESCAPE = '=';
    private static final char WIDE = 'u';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TokenCodec() {
    }

    public static String encode(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("an empty string has no token");
        }
        int firstEscape = firstToEscape(raw);
        if (firstEscape < 0) {
            return raw;
        }
        StringBuilder token = new StringBuilder(raw.length() + 16);
        token.append(raw, 0, firstEscape);
        for (int i = firstEscape; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isPlain(c)) {
                token.append(c);
            } else if (c < 0x100) {
                token.append(ESCAPE).append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                token.append(ESCAPE).append(WIDE)
                        .append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return token.toString();
    }

    /** The string a token stands for; fails on anything {@link #encode} cannot produce. */
    public static String decode(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        if (token.indexOf(ESCAPE) < 0) {
            requirePlain(token, 0, token.length());
            return token;
        }
        StringBuilder raw = new StringBuilder(token.length());
        int i = 0;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (c != ESCAPE) {
                requirePlain(token, i, i + 1);
                raw.append(c);
                i++;
            } else if (i + 1 < token.length() && token.charAt(i + 1) == WIDE) {
                char decoded = (char) hex(token, i + 2, 4);
                if (decoded < 0x100) {
                    throw malformed(token, "a wide escape for a narrow character");
                }
                raw.append(decoded);
                i += 6;
            } else {
                char decoded = (char) hex(token, i + 1, 2);
                if (isPlain(decoded)) {
                    throw malformed(token, "an escape for a plain character");
                }
                raw.append(decoded);
                i += 3;
            }
        }
        return raw.toString();
    }

    private static int firstToEscape(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (!isPlain(raw.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static void requirePlain(String token, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isPlain(token.charAt(i))) {
                throw malformed(token, "the character '" + token.charAt(i) + "'");
            }
        }
    }

    private static int hex(String token, int from, int digits) {
        if (from + digits > token.length()) {
            throw malformed(token, "a truncated escape");
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = token.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw malformed(token, "the escape digit '" + c + "'");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static IllegalArgumentException malformed(String token, String problem) {
        return new IllegalArgumentException("not an encoded token (" + problem + "): " + token);
    }
}
