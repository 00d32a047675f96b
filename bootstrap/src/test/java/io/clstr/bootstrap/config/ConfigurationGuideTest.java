package io.clstr.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/guides/configuration.md} in step with the settings the parser knows. */
class ConfigurationGuideTest {

    private static List<String> guide;

    @BeforeAll
    static void readGuide() throws IOException {
        Path docs = Path.of(System.getProperty("clstr.docs", "../docs"));
        guide = Files.readAllLines(docs.resolve("guides").resolve("configuration.md"));
    }

    @Test
    void every_setting_has_a_row_with_its_variable_its_flag_and_its_default() {
        for (Setting setting : Setting.values()) {
            Optional<String> row = rowOf(setting.variable());

            assertThat(row).as("a table row for %s", setting.variable()).isPresent();
            assertThat(row.get()).contains("| `" + setting.flag() + "` |");
            if (isLiteral(setting.defaultValue())) {
                assertThat(row.get()).as("the default of %s", setting.variable())
                        .contains("| `" + setting.defaultValue() + "` |");
            }
        }
    }

    @Test
    void the_guide_documents_no_setting_the_parser_does_not_know() {
        for (String line : guide) {
            if (line.startsWith("| `CLSTR_")) {
                String variable = line.substring(3, line.indexOf('`', 3));
                assertThat(Setting.byVariable(variable)).as("documented %s", variable).isPresent();
            }
        }
    }

    @Test
    void the_test_suite_variable_is_explained() {
        assertThat(String.join("\n", guide)).contains(Setting.TEST_SUITE_VARIABLE).contains("ignores it");
    }

    private static Optional<String> rowOf(String variable) {
        return guide.stream().filter(line -> line.startsWith("| `" + variable + "` |")).findFirst();
    }

    /** Defaults such as {@code (none)} or {@code node-<random>} are described in words, not quoted. */
    private static boolean isLiteral(String defaultValue) {
        return !defaultValue.startsWith("(") && !defaultValue.contains("<");
    }
}
