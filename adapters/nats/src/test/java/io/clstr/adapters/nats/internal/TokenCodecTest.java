package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenCodecTest {

    /** What both a NATS subject token and a JetStream KV key token accept (no '.', '*', '>', no whitespace). */
    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_=-]+");

    @Property
    void decodes_what_it_encodes(@ForAll("anyText") String raw) {
        assertThat(TokenCodec.decode(TokenCodec.encode(raw))).isEqualTo(raw);
    }

    @Property
    void encodes_into_characters_every_subject_and_key_token_allows(@ForAll("anyText") String raw) {
        assertThat(TokenCodec.encode(raw)).matches(SAFE_TOKEN);
    }

    @Property
    void never_gives_two_different_strings_the_same_token(@ForAll("anyText") String first,
            @ForAll("anyText") String second) {
        Assume.that(!first.equals(second));

        assertThat(TokenCodec.encode(first)).isNotEqualTo(TokenCodec.encode(second));
    }

    @Property
    void re_encodes_every_token_it_accepts_to_itself(@ForAll("anyText") String raw) {
        String token = TokenCodec.encode(raw);

        assertThat(TokenCodec.encode(TokenCodec.decode(token))).isEqualTo(token);
    }

    @Example
    void leaves_plain_ids_readable() {
        assertThat(TokenCodec.encode("order-42_A")).isEqualTo("order-42_A");
    }

    @Example
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

    @Example
    void keeps_an_escaped_dot_apart_from_the_literal_escape_sequence() {
        assertThat(TokenCodec.encode("a.b")).isNotEqualTo(TokenCodec.encode("a=2Eb"));
        assertThat(TokenCodec.decode(TokenCodec.encode("a=2Eb"))).isEqualTo("a=2Eb");
    }

    @Example
    void rejects_tokens_it_cannot_have_made() {
        for (String malformed : new String[] {"", "a.b", "a b", "*", "=", "=4", "=2e", "=41", "=u00E9", "=uD83", "=G0"}) {
            assertThatThrownBy(() -> TokenCodec.decode(malformed)).as("'%s'", malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Example
    void has_no_token_for_the_empty_string() {
        assertThatThrownBy(() -> TokenCodec.encode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars(".*> =%_-aAzZ09\u00e9\u65e5\ud83d\ude00").ofMinLength(1).ofMaxLength(12));
    }
}
