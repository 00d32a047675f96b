package io.clstr.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/guides/add-an-aggregate.md followed on a copy of this repository: the example's files go where the guide
 * puts them (docs/guides/add-an-aggregate/ mirrors the repository), the guide's edits ({@code diff} blocks marked
 * {@code <!-- excerpt: path -->}) are made as it shows them, and the copy builds with all its unit tests, the
 * architecture rules and the docs check passing. So neither the guide nor its file count can drift from the code.
 * A nested build takes minutes, so it is a long suite: {@code ./mvnw verify -Pfull} runs it (ADR 0014).
 */
@Tag("long")
class AddAnAggregateGuideIT {

    private static final Path GUIDE = Path.of("docs/guides/add-an-aggregate.md");
    private static final Path EXAMPLE = Path.of("docs/guides/add-an-aggregate");
    private static final Path LOGS = Path.of("target", "add-an-aggregate").toAbsolutePath();
    private static final Pattern EDIT = Pattern.compile(
            "(?m)^<!-- excerpt: (\\S+) -->\\n```diff\\n((?:.*\\n)*?)```$");
    /** The example's files a context needs only for a read model, and its optional end-to-end test. */
    private static final Set<String> OPTIONAL = Set.of("LoyaltyAccountSummary.java", "LoyaltyProjection.java",
            "LoyaltyAccountList.java", "ListLoyaltyAccountsQuery.java", "LoyaltyApiTest.java");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void the_guide_followed_on_a_copy_builds_and_passes_its_tests(@TempDir Path copy) throws Exception {
        RepositoryCopy.copyTo(copy);
        String guide = Files.readString(RepositoryCopy.REPOSITORY.resolve(GUIDE));

        List<String> added = addTheExample(copy);
        List<String> edited = makeTheEdits(copy, guide);

        assertThat(edited).as("files the guide edits").containsExactly(
                "bootstrap/src/main/java/io/clstr/bootstrap/ServiceContexts.java");
        List<String> names = added.stream().map(path -> Path.of(path).getFileName().toString()).toList();
        assertThat(names).as("the example's files, each named in the guide").allSatisfy(name ->
                assertThat(guide).contains(name.replaceAll("\\.java$", "")));
        assertThat(names).containsAll(OPTIONAL);
        assertThat(names.stream().filter(name -> !OPTIONAL.contains(name)))
                .as("the files of an aggregate with its use cases, routes and API document (the guide says 12)")
                .hasSize(12);

        RepositoryCopy.run(copy, LOGS, "build", RepositoryCopy.BUILD);

        assertThat(RepositoryCopy.testsRun(copy, "domain", "LoyaltyAccountAggregateTest")).isPositive();
        assertThat(RepositoryCopy.testsRun(copy, "bootstrap", "LoyaltyApiTest")).isEqualTo(3);
        assertThat(RepositoryCopy.testsRun(copy, "bootstrap", "ApiDocumentTest")).isPositive();
        assertThat(RepositoryCopy.testsRun(copy, "application/contexts", "StoredFormatsTest"))
                .as("three checks of stored formats for each context: order, counter and loyalty").isEqualTo(9);
        assertThat(RepositoryCopy.testsRun(copy, "architecture-tests", "DocsCheckTest")).isPositive();
        assertThat(RepositoryCopy.testsRun(copy, "architecture-tests", "LayeringTest")).isPositive();
    }

    /** Copies the example's files into the copy at the same paths; none may exist there yet. */
    private static List<String> addTheExample(Path copy) throws IOException {
        Path example = RepositoryCopy.REPOSITORY.resolve(EXAMPLE);
        List<String> added = new ArrayList<>();
        for (Path file : RepositoryCopy.files(example)) {
            String relative = example.relativize(file).toString().replace('\\', '/');
            Path target = copy.resolve(relative);
            assertThat(target).as("a file the example adds").doesNotExist();
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
            added.add(relative);
        }
        return added;
    }

    /**
     * Makes each edit the guide shows as a diff: its context lines are found in order, each added line goes after
     * the line before it, each removed line goes; {@code ...} stands for lines left out.
     */
    private static List<String> makeTheEdits(Path copy, String guide) throws IOException {
        Set<String> edited = new TreeSet<>();
        Matcher edit = EDIT.matcher(guide);
        while (edit.find()) {
            Path file = copy.resolve(edit.group(1));
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            int at = 0;
            for (String line : edit.group(2).split("\n")) {
                String text = line.isEmpty() ? "" : line.substring(1);
                if (line.startsWith("+")) {
                    lines.add(at++, text);
                } else if (!text.isBlank() && !text.trim().equals("...")) {
                    at = indexOf(lines, text.trim(), at, edit.group(1));
                    if (line.startsWith("-")) {
                        lines.remove(at);
                    } else {
                        at++;
                    }
                }
            }
            Files.write(file, lines);
            edited.add(edit.group(1));
        }
        return List.copyOf(edited);
    }

    private static int indexOf(List<String> lines, String wanted, int from, String file) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(wanted)) {
                return i;
            }
        }
        throw new AssertionError("the guide's edit of " + file + " expects a line it does not have: " + wanted);
    }
}
