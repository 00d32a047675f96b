package io.clstr.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    private static final Path REPOSITORY = Path.of(System.getProperty("clstr.repository", "..")).toAbsolutePath()
            .normalize();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
    private static final Path LOGS = Path.of("target", "make-it-yours").toAbsolutePath();
    /** The result's build, offline: everything it needs is in the local repository since this build ran. */
    private static final String[] BUILD = {"./mvnw", "-B", "-o", "-q", "-ntp", "verify", "-DskipITs"};
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>(clstr-[a-z0-9-]+)</artifactId>");

    /** The template's own artifactIds: none may survive the renaming. */
    private static final TreeSet<String> TEMPLATE_ARTIFACTS = new TreeSet<>();

    @BeforeAll
    static void collectTemplateArtifacts() throws IOException {
        for (Path pom : files(REPOSITORY)) {
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
        copyRepository(copy);

        run(copy, "with-samples-tool", javaLauncher(), "tools/MakeItYours.java", "--package", "com.acme.shop",
                "--group-id", "com.acme", "--prefix", "shop");

        assertRenamed(copy);
        assertThat(copy.resolve("domain/src/main/java/com/acme/shop/domain/order/OrderAggregate.java")).isRegularFile();
        assertThat(Files.readString(copy.resolve("README.md"))).doesNotContain("MakeItYours");
        run(copy, "with-samples-build", BUILD);
        assertThat(testsRun(copy, "bootstrap")).as("bootstrap tests run").isGreaterThan(50);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void a_renamed_project_without_the_samples_builds_and_passes_its_tests(@TempDir Path copy) throws Exception {
        copyRepository(copy);

        run(copy, "without-samples-tool", javaLauncher(), "tools/MakeItYours.java", "--package", "com.acme.shop",
                "--group-id", "com.acme", "--prefix", "shop", "--without-samples");

        assertRenamed(copy);
        assertThat(runTemplateTool(copy, "--package", "com.acme.shop", "--group-id", "com.acme", "--prefix", "shop"))
                .as("a second run").contains("not the clstr template");
        List<String> sampleLeftovers = new ArrayList<>();
        for (Path file : files(copy)) {
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
        assertThat(copy.resolve("bootstrap/src/main/java/com/acme/shop/bootstrap/loadtest")).doesNotExist();
        run(copy, "without-samples-build", BUILD);
        assertThat(testsRun(copy, "architecture-tests")).as("architecture tests run").isGreaterThan(20);
        assertThat(testsRun(copy, "application/runtime")).as("runtime tests run").isGreaterThan(50);
    }

    @Test
    void bad_arguments_are_refused_before_anything_changes(@TempDir Path copy) throws Exception {
        copyRepository(copy);

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
        List<String> command = new ArrayList<>(List.of(javaLauncher(), REPOSITORY.resolve("tools/MakeItYours.java")
                .toString(), "--dir", copy.toString()));
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
        for (Path file : files(copy)) {
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

    /** Runs a command in the copy; its output goes to target/make-it-yours/&lt;name&gt;.log of this module. */
    private static void run(Path directory, String name, String... command) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The servers' integration tests are skipped, so nothing needs nats-server.
        Map<String, String> environment = builder.environment();
        environment.put("CLSTR_REQUIRE_NATS", "false");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + BUILD_TIMEOUT + ":\n" + tail(log));
        }
        assertThat(process.exitValue()).as("%s exited with %s:%n%s", name, process.exitValue(), tail(log)).isZero();
    }

    /** Test cases a module's surefire reports count. */
    private static int testsRun(Path copy, String module) throws IOException {
        Path reports = copy.resolve(module).resolve("target/surefire-reports");
        Pattern tests = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"");
        int total = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(path -> path.toString().endsWith(".xml")).toList()) {
                Matcher matcher = tests.matcher(Files.readString(report));
                if (matcher.find()) {
                    total += Integer.parseInt(matcher.group(1));
                }
            }
        }
        return total;
    }

    /**
     * The files git knows (tracked, or new and not ignored), so neither build output nor local clutter is
     * copied; without git, every file outside target/ and .git/.
     */
    private static void copyRepository(Path copy) throws Exception {
        for (String relative : repositoryFiles()) {
            Path source = REPOSITORY.resolve(relative);
            if (Files.isRegularFile(source)) {
                Path target = copy.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static List<String> repositoryFiles() throws Exception {
        try {
            Process git = new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z", "--cached",
                    "--others", "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] listing = git.getInputStream().readAllBytes();
            if (git.waitFor() == 0) {
                return List.of(new String(listing, StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            // No git on this machine: copy the folder instead.
        }
        List<String> relative = new ArrayList<>();
        for (Path file : files(REPOSITORY)) {
            relative.add(REPOSITORY.relativize(file).toString());
        }
        return relative;
    }

    /** Every file under root outside build output and VCS folders. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(path -> {
                for (Path part : root.relativize(path)) {
                    String name = part.toString();
                    if (name.equals("target") || name.equals(".git")) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }
    }

    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
