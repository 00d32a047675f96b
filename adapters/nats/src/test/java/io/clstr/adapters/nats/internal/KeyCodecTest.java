package io.clstr.adapters.nats.internal;

import io.clstr.adapters.nats.RandomText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

class KeyCodecTest {

    /** The JetStream KV key rule (as jnats and the server check it), minus '/', which we never produce. */
    private static final Pattern NATS_KEY = Pattern.compile("[-_=a-zA-Z0-9]+(\\.[-_=a-zA-Z0-9]+)*");

    @Test
    void decodes_every_key_it_encodes_into_a_valid_nats_key_with_one_token_per_segment() {
        for (String key : keys(new Random(2), 2000)) {
            String natsKey = KeyCodec.toNatsKey(key);

            assertThat(KeyCodec.fromNatsKey(natsKey)).as(key).isEqualTo(key);
            assertThat(natsKey).matches(NATS_KEY);
            assertThat(natsKey.split("\\.", -1)).hasSameSizeAs(key.split("/", -1));
        }
    }

    @Test
    void never_maps_two_keys_to_one_nats_key() {
        Map<String, String> byNatsKey = new HashMap<>();
        for (String key : keys(new Random(3), 5000)) {
            String earlier = byNatsKey.putIfAbsent(KeyCodec.toNatsKey(key), key);
            assertThat(earlier == null || earlier.equals(key)).as("%s and %s", earlier, key).isTrue();
        }
    }

    @Test
    void keeps_apart_keys_that_a_naive_mapping_would_merge() {
        List<String> lookAlikes = List.of("a:b", "a-b", "a_b", "a.b", "a/b", "a%3Ab", "a=3Ab");

        assertThat(lookAlikes.stream().map(KeyCodec::toNatsKey).distinct()).hasSameSizeAs(lookAlikes);
        assertThat(KeyCodec.toNatsKey("a.b")).isEqualTo("a=2Eb");
        assertThat(KeyCodec.toNatsKey("a/b")).isEqualTo("a.b");
    }

    @Test
    void turns_whole_segment_prefixes_into_subject_filters() {
        assertThat(KeyCodec.toFilter("")).isEqualTo(">");
        assertThat(KeyCodec.toFilter("members/")).isEqualTo("members.>");
        assertThat(KeyCodec.toFilter("a.b/c d/")).isEqualTo("a=2Eb.c=20d.>");
    }

    @Test
    void rejects_malformed_keys_and_prefixes() {
        for (String key : new String[] {"", "/", "/a", "a/", "a//b", "a/\n/b", "a\tb"}) {
            assertThatThrownBy(() -> KeyCodec.toNatsKey(key)).as("key '%s'", key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String prefix : new String[] {"a", "/", "a//", "/a/"}) {
            assertThatThrownBy(() -> KeyCodec.toFilter(prefix)).as("prefix '%s'", prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Keys of one to four segments with any characters but '/' and controls. */
    private static List<String> keys(Random random, int count) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < count) {
            int segments = 1 + random.nextInt(4);
            List<String> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                String segment = random.nextBoolean() ? RandomText.any(random, 1, 12)
                        : RandomText.from(random, ".*> :=%_-aZ9\u00e9\ud83d", 1, 6);
                segment = RandomText.withoutControls(segment.replace('/', '_'));
                if (!segment.isEmpty()) {
                    parts.add(segment);
                }
            }
            if (!parts.isEmpty()) {
                keys.add(String.join("/", parts));
            }
        }
        return keys;
    }
}
