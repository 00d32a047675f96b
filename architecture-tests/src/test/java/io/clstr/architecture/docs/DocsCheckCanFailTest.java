package io.clstr.architecture.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves each check of {@link DocsCheck} reports what it should, on a small repository whose documents break
 * every rule once ({@code src/test/resources/docs-check-fixture}). A check that finds nothing would otherwise
 * pass silently.
 */
class DocsCheckCanFailTest {

    private static DocsCheck check;

    @BeforeAll
    static void readTheFixture() {
        check = DocsCheck.of(Path.of("src/test/resources/docs-check-fixture").toAbsolutePath());
    }

    @Test
    void reports_missing_files_and_headings() {
        assertThat(check.brokenLinks()).containsExactlyInAnyOrder(
                "README.md:5: link to docs/missing.md: no such file",
                "README.md:6: link to docs/guide.md#no-such-heading: no heading with anchor #no-such-heading"
                        + " (anchors: [a-guide, the-snippets, the-excerpts, a-guide-1])");
    }

    @Test
    void reports_repository_paths_that_do_not_exist() {
        assertThat(check.missingPaths()).containsExactly(
                "README.md:8: `adapters/gone/src`: adapters/gone/src does not exist");
    }

    @Test
    void reports_unknown_settings_and_flags() {
        assertThat(check.unknownSettingsAndFlags()).hasSize(3).anySatisfy(problem -> assertThat(problem)
                .startsWith("README.md:10: CLSTR_HTTP_PORTS is not a setting"))
                .anySatisfy(problem -> assertThat(problem).startsWith("README.md:11: --http-ports is not a flag of serve"))
                .anySatisfy(problem -> assertThat(problem).startsWith("README.md:12: --keyz is not a flag of loadtest"));
    }

    @Test
    void reports_unknown_metrics() {
        assertThat(check.unknownMetrics()).containsExactly(
                "README.md:14: clstr_es_events_stored_total is not a metric (see MetricNames)");
    }

    @Test
    void reports_unknown_java_types_and_members() {
        assertThat(check.unknownJavaTypes()).containsExactlyInAnyOrder(
                "README.md:16: `EventStorage`: no such type in the sources, the JDK or the libraries",
                "README.md:16: `Widget.spin`: the sources of Widget have no member spin",
                "README.md:16: `Widget.Part`: no type Part is declared in the sources of Widget");
    }

    @Test
    void reports_snippets_and_excerpts_that_drifted() {
        assertThat(check.driftedSnippets()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("docs/guide.md:6: snippet src/Widget.java#turn"
                        + " differs at its line 2"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("docs/guide.md:15: excerpt line not found in"
                        + " src/Widget.java (in this order): int turns = 0;"));
    }

    @Test
    void reports_documents_no_link_leads_to() {
        assertThat(check.unreachableDocuments()).containsExactlyInAnyOrder(
                "docs/orphan.md: no link path from README.md leads here",
                "docs/adr/0002-second.md: no link path from README.md leads here");
    }

    @Test
    void reports_decision_records_missing_from_the_index() {
        assertThat(check.unlistedDecisionRecords())
                .containsExactly("docs/adr/0002-second.md: not listed in docs/adr/README.md");
    }
}
