package io.clstr.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/MakeItYours.java on a copy of this repository, with and without the samples: the result must carry
 * none of the template's names and must build, its unit and architecture tests passing. The server
 * integration tests of the result are skipped (-DskipITs): this build has just run them on the same code.
 * Two nested builds take minutes, so it is a long suite: {@code ./mvnw verify -Pfull} runs it (ADR 0014).
 */
@Tag("long")
class MakeItYoursIT {

    private static final Path LOGS = Path.of("target", "make-it-yours").toAbsolutePath();
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>(clstr-[a-z0-9-]+)</artifactId>");

    /** The template's own artifactIds: none may survive the renaming. */
    private static final TreeSet<String> TEMPLATE_ARTIFACTS = new TreeSet<>();

    @BeforeAll
    static void collectTemplateArtifacts() throws IOException {
        for (Path pom : RepositoryCopy.files(RepositoryCopy.REPOSITORY)) {
            if (pom.getFileName().toString().equals("pom.xml")) {
                Matcher matcher = ARTIFACT_ID.matcher(Files.readString(pom));
                while (matcher.find()) {
                    TEMPLATE_ARTIFACTS.add(matcher.group(1));
                }
            }
        }
        assertThat(TEMPLATE_ARTIFACTS).contains("clstr-parent", "clstr-bootstrap", "clstr-adapter-nats");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void a_renamed_project_with_the_samples_builds_and_passes_its_tests(@TempDir Path copy) throws Exception {
        RepositoryCopy.copyTo(copy);

        RepositoryCopy.run(copy, LOGS, "with-samples-tool", RepositoryCopy.javaLauncher(), "tools/MakeItYours.java",
                "--package", "com.acme.shop",
                "--group-id", "com.acme", "--prefix", "shop");

        assertRenamed(copy);
        assertThat(copy.resolve("domain/src/main/java/com/acme/shop/domain/order/OrderAggregate.java")).isRegularFile();
        assertThat(Files.readString(copy.resolve("README.md"))).doesNotContain("MakeItYours");
        RepositoryCopy.run(copy, LOGS, "with-samples-build", RepositoryCopy.BUILD);
        assertThat(RepositoryCopy.testsRun(copy, "bootstrap", "")).as("bootstrap tests run").isGreaterThan(50);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void a_renamed_project_without_the_samples_builds_and_passes_its_tests(@TempDir Path copy) throws Exception {
        RepositoryCopy.copyTo(copy);

        RepositoryCopy.run(copy, LOGS, "without-samples-tool", RepositoryCopy.javaLauncher(), "tools/MakeItYours.java",
                "--package", "com.acme.shop",
                "--group-id", "com.acme", "--prefix", "shop", "--without-samples");

        assertRenamed(copy);
        assertThat(runTemplateTool(copy, "--package", "com.acme.shop", "--group-id", "com.acme", "--prefix", "shop"))
                .as("a second run").contains("not the clstr template");
        List<String> sampleLeftovers = new ArrayList<>();
        for (Path file : RepositoryCopy.files(copy)) {
            String path = copy.relativize(file).toString().replace('\\', '/');
            boolean ruleFixture = path.startsWith("architecture-tests/");
            if (!ruleFixture && path.matches(".*/(order|counter)/.*\\.java")) {
                sampleLeftovers.add(path);
            }
            if (path.endsWith(".java") && !ruleFixture && Files.readString(file).contains("region sample")) {
                sampleLeftovers.add(path + " (a sample region)");
            }
        }
        assertThat(sampleLeftovers).as("sample code left behind").isEmpty();
        assertThat(Files.readString(copy.resolve("docs/api/openapi.yaml"))).doesNotContain("/orders", "/counters");
        assertThat(copy.resolve("docs/api/order.yaml")).doesNotExist();
        assertThat(copy.resolve("bootstrap/src/main/java/com/acme/shop/bootstrap/loadtest")).doesNotExist();
        RepositoryCopy.run(copy, LOGS, "without-samples-build", RepositoryCopy.BUILD);
        assertThat(RepositoryCopy.testsRun(copy, "architecture-tests", "")).as("architecture tests run")
                .isGreaterThan(20);
        assertThat(RepositoryCopy.testsRun(copy, "application/runtime", "")).as("runtime tests run").isGreaterThan(50);
    }

    @Test
    void bad_arguments_are_refused_before_anything_changes(@TempDir Path copy) throws Exception {
        RepositoryCopy.copyTo(copy);

        assertThat(runTemplateTool(copy, "--package", "Com.Acme", "--group-id", "com.acme", "--prefix", "shop"))
                .contains("--package must be a lower-case Java package");
        assertThat(runTemplateTool(copy, "--package", "com.acme.int", "--group-id", "com.acme", "--prefix", "shop"))
                .contains("Java keyword 'int'");
        assertThat(runTemplateTool(copy, "--package", "com.acme.shop", "--group-id", "com.acme", "--prefix", "Shop"))
                .contains("--prefix must be");
        assertThat(copy.resolve("domain/src/main/java/io/clstr/domain/kernel/Aggregate.java")).isRegularFile();
    }

    /** Runs this repository's tool on the copy; it must refuse (exit 2), and this answers what it said. */
    private static String runTemplateTool(Path copy, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(RepositoryCopy.javaLauncher(),
                RepositoryCopy.REPOSITORY.resolve("tools/MakeItYours.java").toString(), "--dir", copy.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        return output;
    }

    /**
     * No package, path or artifactId of the template is left, nor its domain (problem types are relative), and the
     * new ones are in place.
     */
    private static void assertRenamed(Path copy) throws IOException {
        List<String> leftovers = new ArrayList<>();
        Pattern templateNames = Pattern.compile("io\\.clstr|io/clstr|io\\\\\\\\?\\.clstr|clstr\\.io|"
                + String.join("|", TEMPLATE_ARTIFACTS.descendingSet().stream()
                        .map(artifact -> "(?<![\\w-])" + Pattern.quote(artifact) + "(?![\\w-])").toList()));
        for (Path file : RepositoryCopy.files(copy)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Matcher found = templateNames.matcher(text);
            if (found.find()) {
                leftovers.add(copy.relativize(file) + ": " + found.group());
            }
            if (copy.relativize(file).toString().replace('\\', '/').contains("io/clstr")) {
                leftovers.add(copy.relativize(file) + " (its path)");
            }
        }
        assertThat(leftovers).as("names of the template left behind").isEmpty();

        String rootPom = Files.readString(copy.resolve("pom.xml"));
        assertThat(rootPom).contains("<groupId>com.acme</groupId>", "<artifactId>shop-parent</artifactId>",
                "<module>bootstrap</module>");
        assertThat(Files.readString(copy.resolve("bootstrap/pom.xml"))).contains("<artifactId>shop-bootstrap</artifactId>",
                "<mainClass>com.acme.shop.bootstrap.Main</mainClass>");
        assertThat(copy.resolve("domain/src/main/java/com/acme/shop/domain/kernel/Aggregate.java")).isRegularFile();
        assertThat(copy.resolve("tools/MakeItYours.java")).as("the tool removes itself").doesNotExist();
        assertThat(copy.resolve("architecture-tests/src/test/java/com/acme/shop/template/MakeItYoursIT.java"))
                .doesNotExist();
        assertThat(copy.resolve("mvnw")).isExecutable();
    }
}
