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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A copy of this repository to change and build, for the long suites that try the template as a team would. */
final class RepositoryCopy {

    static final Path REPOSITORY = Path.of(System.getProperty("clstr.repository", "..")).toAbsolutePath()
            .normalize();
    /** The copy's build, offline: everything it needs is in the local repository since this build ran. */
    static final String[] BUILD = {"./mvnw", "-B", "-o", "-q", "-ntp", "verify", "-DskipITs"};
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);

    private RepositoryCopy() {
    }

    /**
     * Copies the files git knows (tracked, or new and not ignored), so neither build output nor local clutter is
     * copied; without git, every file outside target/ and .git/.
     */
    static void copyTo(Path copy) throws Exception {
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
    static List<Path> files(Path root) throws IOException {
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

    /**
     * Runs a command in the copy, which must succeed; its output goes to {@code <logs>/<name>.log}. The copy's
     * server integration tests are skipped, so nothing needs nats-server.
     */
    static void run(Path directory, Path logs, String name, String... command) throws Exception {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CLSTR_REQUIRE_NATS", "false");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + BUILD_TIMEOUT + ":\n" + tail(log));
        }
        assertThat(process.exitValue()).as("%s exited with %s:%n%s", name, process.exitValue(), tail(log)).isZero();
    }

    /** Test cases a module's surefire reports count, all of them or one test class's. */
    static int testsRun(Path copy, String module, String reportsContaining) throws IOException {
        Path reports = copy.resolve(module).resolve("target/surefire-reports");
        Pattern tests = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"");
        int total = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(path -> path.toString().endsWith(".xml"))
                    .filter(path -> path.getFileName().toString().contains(reportsContaining)).toList()) {
                Matcher matcher = tests.matcher(Files.readString(report));
                if (matcher.find()) {
                    total += Integer.parseInt(matcher.group(1));
                }
            }
        }
        return total;
    }

    static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
