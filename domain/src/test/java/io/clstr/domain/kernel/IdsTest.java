package io.clstr.domain.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"order-42", "a b", "a.b/c:d=e", "Ünïcödé", "日本", "😀", "x\u0301", "-"})
    void allows_text_that_shows(String id) {
        assertThat(Ids.problemWith(id)).isNull();
        assertThat(Ids.require(id, "id")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u0000", "\t", "\n", "\u007F", "\u0085", // control
        "\u00AD", "\u200B", "\u200D", "\u200E", "\u202A", "\u202E", "\u2060", "\u2066", "\uFEFF", // format
        "\u2028", "\u2029", // line and paragraph separators
        "\u00A0", "\u2007", "\u3000", // spaces other than U+0020
        "\uD800", "\uDC00", // unpaired surrogates
        "\uE000", // private use
        "\u0378" // unassigned
    })
    void refuses_invisible_control_and_format_characters_anywhere(String character) {
        for (String id : new String[] {character, "a" + character, character + "a", "ab" + character + "cd"}) {
            assertThat(Ids.problemWith(id)).as("U+%04X in %s", (int) character.charAt(0), id)
                    .startsWith("must not contain invisible, control or format characters (found U+");
        }
    }

    @Test
    void judges_every_ascii_character_by_the_one_rule() {
        for (char c = 0; c < 0x80; c++) {
            String id = "a" + c + "b";
            assertThat(Ids.problemWith(id) == null).as("U+%04X", (int) c).isEqualTo(Ids.allows(c));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void refuses_blank_ids(String id) {
        assertThat(Ids.problemWith(id)).isEqualTo("must not be blank");
    }

    @Test
    void names_the_id_and_the_character_it_refuses() {
        assertThatThrownBy(() -> Ids.require("a\u202Eb", "stream id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream id must not contain invisible, control or format characters (found U+202E)");
        assertThatThrownBy(() -> Ids.require(null, "stream id")).isInstanceOf(NullPointerException.class)
                .hasMessage("stream id");
    }
}
