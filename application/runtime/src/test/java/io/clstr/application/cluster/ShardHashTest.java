package io.clstr.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardHashTest {

    @Test
    void known_values_never_change() {
        // Pinned: shard numbers derive from these; a change here moves every key in every cluster.
        assertThat(ShardHash.hash("")).isEqualTo(0xefd01f60ba992926L);
        assertThat(ShardHash.hash("user-123")).isEqualTo(0x63425cfdd44e82f2L);
        assertThat(ShardHash.hash("order/\u00e4\u20ac\ud83d\ude00")).isEqualTo(0xcdd28dea60a185f1L);
    }

    @Test
    void hashes_the_utf8_encoding_of_any_string() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            char[] chars = new char[random.nextInt(24)];
            for (int c = 0; c < chars.length; c++) {
                // Mix ASCII, two- and three-byte characters and surrogate halves (paired or not).
                int kind = random.nextInt(4);
                chars[c] = (char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x780)
                        : kind == 2 ? 0x800 + random.nextInt(0xF7FF) : 0xD800 + random.nextInt(0x800));
            }
            String value = new String(chars);
            assertThat(ShardHash.hash(value)).as("hash of %s", value)
                    .isEqualTo(referenceHash(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void lone_surrogates_hash_like_their_utf8_replacement() {
        String lone = "a\ud800b";
        assertThat(ShardHash.hash(lone)).isEqualTo(referenceHash(lone.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void similar_keys_get_unrelated_hashes() {
        long a = ShardHash.hash("user-1");
        long b = ShardHash.hash("user-2");
        assertThat(Long.bitCount(a ^ b)).isBetween(16, 48);
    }

    /** The definition: FNV-1a 64 over the bytes, then MurmurHash3's fmix64. */
    static long referenceHash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
