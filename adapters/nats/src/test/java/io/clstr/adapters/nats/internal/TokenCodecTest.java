package io.clstr.adapters.nats.internal;

import io.clstr.adapters.nats.RandomText;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

class TokenCodecTest {

    /** What both a NATS subject token and a JetStream KV key token accept (no '.', '*', '>', no whitespace). */
    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_=-]+");

    @Test
    void decodes_what_it_encodes_into_safe_characters_and_re_encodes_to_the_same_token() {
        Random random = new Random(4);
        for (int i = 0; i < 5000; i++) {
            String raw = text(random);
            String token = TokenCodec.encode(raw);

            assertThat(TokenCodec.decode(token)).as(raw).isEqualTo(raw);
            assertThat(token).matches(SAFE_TOKEN);
            assertThat(TokenCodec.encode(TokenCodec.decode(token))).isEqualTo(token);
        }
    }

    @Test
    void never_gives_two_different_strings_the_same_token() {
        Random random = new Random(5);
        Map<String, String> byToken = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String raw = text(random);
            String earlier = byToken.putIfAbsent(TokenCodec.encode(raw), raw);
            assertThat(earlier == null || earlier.equals(raw)).as("%s and %s", earlier, raw).isTrue();
        }
    }

    @Test
    void leaves_plain_ids_readable() {
        assertThat(TokenCodec.encode("order-42_A")).isEqualTo("order-42_A");
    }

    @Test
    void escapes_separators_wildcards_spaces_the_escape_character_and_non_ascii() {
        assertThat(TokenCodec.encode("a.b")).isEqualTo("a=2Eb");
        assertThat(TokenCodec.encode("*")).isEqualTo("=2A");
        assertThat(TokenCodec.encode(">")).isEqualTo("=3E");
        assertThat(TokenCodec.encode(" a ")).isEqualTo("=20a=20");
        assertThat(TokenCodec.encode("=")).isEqualTo("=3D");
        assertThat(TokenCodec.encode("a%2Eb")).isEqualTo("a=252Eb");
        assertThat(TokenCodec.encode("ü")).isEqualTo("=FC");
        assertThat(TokenCodec.encode("日本")).isEqualTo("=u65E5=u672C");
        assertThat(TokenCodec.encode("😀")).isEqualTo("=uD83D=uDE00");
    }

    @Test
    void keeps_an_escaped_dot_apart_from_the_literal_escape_sequence() {
        assertThat(TokenCodec.encode("a.b")).isNotEqualTo(TokenCodec.encode("a=2Eb"));
        assertThat(TokenCodec.decode(TokenCodec.encode("a=2Eb"))).isEqualTo("a=2Eb");
    }

    @Test
    void rejects_tokens_it_cannot_have_made() {
        for (String malformed : new String[] {"", "a.b", "a b", "*", "=", "=4", "=2e", "=41", "=u00E9", "=uD83", "=G0"}) {
            assertThatThrownBy(() -> TokenCodec.decode(malformed)).as("'%s'", malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void has_no_token_for_the_empty_string() {
        assertThatThrownBy(() -> TokenCodec.encode("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(Random random) {
        return random.nextBoolean() ? RandomText.any(random, 1, 40)
                : RandomText.from(random, ".*> =%_-aAzZ09\u00e9\u65e5\ud83d\ude00", 1, 12);
    }
}
