package io.clstr.architecture.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code README.md} and {@code docs/} true to the repository (see {@link DocsCheck}). A failure lists every
 * broken reference as {@code file:line: problem}.
 */
class DocsCheckTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static DocsCheck check;

    @BeforeAll
    static void readTheDocs() {
        assertThat(ROOT.resolve("pom.xml")).as("the repository root").exists();
        check = DocsCheck.of(ROOT);
    }

    @Test
    void relative_links_lead_to_files_and_headings_that_exist() {
        assertNone("broken links", check.brokenLinks());
    }

    @Test
    void repository_paths_in_inline_code_exist() {
        assertNone("repository paths that do not exist", check.missingPaths());
    }

    @Test
    void settings_and_flags_are_those_of_the_node() {
        assertNone("settings and flags the node does not have", check.unknownSettingsAndFlags());
    }

    @Test
    void metric_names_are_those_the_micrometer_adapter_emits() {
        assertNone("metric names the node does not emit", check.unknownMetrics());
    }

    @Test
    void java_types_named_in_inline_code_exist() {
        assertNone("Java types and members that do not exist", check.unknownJavaTypes());
    }

    @Test
    void snippets_and_excerpts_match_their_sources() {
        assertNone("code blocks that differ from their sources", check.driftedSnippets());
    }

    @Test
    void every_document_is_reachable_from_the_readme() {
        assertNone("documents no link leads to (link them from docs/README.md)", check.unreachableDocuments());
    }

    @Test
    void the_adr_index_lists_every_decision_record() {
        assertNone("decision records missing from the index", check.unlistedDecisionRecords());
    }

    private static void assertNone(String what, List<String> problems) {
        assertThat(problems).as(what + " (" + problems.size() + "):\n  " + String.join("\n  ", problems)).isEmpty();
    }
}
