package io.clstr.application.cluster;

/**
 * A stable 64-bit hash of strings: FNV-1a over the UTF-8 bytes, then the MurmurHash3 finaliser to
 * spread similar keys ({@code user-1}, {@code user-2}) across the whole range. Stable means fixed
 * forever: shard numbers derived from it are part of the cluster's wire contract, so changing this
 * function would move every key. Tests pin known values.
 */
public final class ShardHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ShardHash() {
    }

    /** The hash of a string's UTF-8 encoding (computed without allocating). */
    public static long hash(String value) {
        long h = FNV_OFFSET;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            int c = value.charAt(i);
            if (c < 0x80) {
                h = mix(h, c);
            } else if (c < 0x800) {
                h = mix(mix(h, 0xc0 | (c >> 6)), 0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate((char) c) && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint((char) c, value.charAt(++i));
                h = mix(mix(mix(mix(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3f)),
                        0x80 | ((cp >> 6) & 0x3f)), 0x80 | (cp & 0x3f));
            } else {
                // Lone surrogates encode as '?', exactly like String.getBytes(UTF_8).
                int unit = Character.isSurrogate((char) c) ? '?' : c;
                if (unit < 0x80) {
                    h = mix(h, unit);
                } else {
                    h = mix(mix(mix(h, 0xe0 | (unit >> 12)), 0x80 | ((unit >> 6) & 0x3f)), 0x80 | (unit & 0x3f));
                }
            }
        }
        return finish(h);
    }

    /** Combines two hashes (order matters), for scoring a (shard, node) pair. */
    public static long combine(long first, long second) {
        return finish(first ^ (second + 0x9e3779b97f4a7c15L + (first << 6) + (first >>> 2)));
    }

    private static long mix(long h, int octet) {
        return (h ^ octet) * FNV_PRIME;
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
