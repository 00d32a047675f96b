package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyCodecTest {

    /** The JetStream KV key rule (as jnats and the server check it), minus '/', which we never produce. */
    private static final Pattern NATS_KEY = Pattern.compile("[-_=a-zA-Z0-9]+(\\.[-_=a-zA-Z0-9]+)*");

    @Property
    void decodes_every_key_it_encodes(@ForAll("keys") String key) {
        assertThat(KeyCodec.fromNatsKey(KeyCodec.toNatsKey(key))).isEqualTo(key);
    }

    @Property
    void makes_valid_nats_keys_with_one_token_per_segment(@ForAll("keys") String key) {
        String natsKey = KeyCodec.toNatsKey(key);

        assertThat(natsKey).matches(NATS_KEY);
        assertThat(natsKey.split("\\.", -1)).hasSameSizeAs(key.split("/", -1));
    }

    @Property
    void never_maps_two_keys_to_one_nats_key(@ForAll("keys") String first, @ForAll("keys") String second) {
        Assume.that(!first.equals(second));

        assertThat(KeyCodec.toNatsKey(first)).isNotEqualTo(KeyCodec.toNatsKey(second));
    }

    @Example
    void keeps_apart_keys_that_a_naive_mapping_would_merge() {
        List<String> lookAlikes = List.of("a:b", "a-b", "a_b", "a.b", "a/b", "a%3Ab", "a=3Ab");

        assertThat(lookAlikes.stream().map(KeyCodec::toNatsKey).distinct()).hasSameSizeAs(lookAlikes);
        assertThat(KeyCodec.toNatsKey("a.b")).isEqualTo("a=2Eb");
        assertThat(KeyCodec.toNatsKey("a/b")).isEqualTo("a.b");
    }

    @Example
    void turns_whole_segment_prefixes_into_subject_filters() {
        assertThat(KeyCodec.toFilter("")).isEqualTo(">");
        assertThat(KeyCodec.toFilter("members/")).isEqualTo("members.>");
        assertThat(KeyCodec.toFilter("a.b/c d/")).isEqualTo("a=2Eb.c=20d.>");
    }

    @Example
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

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().withChars(".*> :=%_-aZ9\u00e9\ud83d").ofMinLength(1).ofMaxLength(6))
                .map(text -> text.replace('/', '_'))
                .filter(text -> text.chars().noneMatch(c -> Character.isISOControl((char) c)));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(segments -> String.join("/", segments));
    }
}
