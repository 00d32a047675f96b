package io.clstr.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ShardHashTest {

    @Test
    void known_values_never_change() {
        // Pinned: shard numbers derive from these; a change here moves every key in every cluster.
        assertThat(ShardHash.hash("")).isEqualTo(0xefd01f60ba992926L);
        assertThat(ShardHash.hash("user-123")).isEqualTo(0x63425cfdd44e82f2L);
        assertThat(ShardHash.hash("order/\u00e4\u20ac\ud83d\ude00")).isEqualTo(0xcdd28dea60a185f1L);
    }

    @Property(tries = 2000)
    void hashes_the_utf8_encoding_of_any_string(@ForAll String value) {
        assertThat(ShardHash.hash(value)).isEqualTo(referenceHash(value.getBytes(StandardCharsets.UTF_8)));
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
