import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a fresh clone of the clstr template into a team's own project, in place:
 *
 * <pre>
 * java tools/MakeItYours.java --package com.acme.shop --group-id com.acme --prefix shop [--without-samples] [--dry-run]
 * </pre>
 *
 * <ul>
 *   <li>the root package {@code io.clstr} becomes {@code --package}: source directories move, and every
 *       reference in code, build files and docs follows;</li>
 *   <li>the Maven groupId becomes {@code --group-id} and the artifactIds {@code clstr-<module>} become
 *       {@code <prefix>-<module>};</li>
 *   <li>{@code --without-samples} deletes the order and counter samples: their packages, the files listed in
 *       {@link #SAMPLE_FILES}, and every block between {@code region sample} and {@code endregion sample}
 *       comments in the files that stay;</li>
 *   <li>blocks between {@code region template} and {@code endregion template} go in any case, and so do this
 *       tool and its test: the transformation is one-way.</li>
 * </ul>
 *
 * Names the running system shows (the {@code CLSTR_*} settings, {@code clstr_*} metrics, {@code clstr.jar},
 * NATS subjects and buckets) stay: docs/adr/0016-make-it-yours.md explains why. Everything is computed and
 * checked before a single file changes, so a refusal leaves the tree as it was. Needs only a JDK 17.
 */
public final class MakeItYours {

    static final String TEMPLATE_PACKAGE = "io.clstr";
    static final String TEMPLATE_GROUP_ID = "io.clstr";
    static final String TEMPLATE_PREFIX = "clstr";

    /** Packages (below the root) that are samples, deleted in every module but architecture-tests. */
    static final List<String> SAMPLE_PACKAGES = List.of(
            "domain/order", "domain/counter", "ports/in/order", "ports/in/counter",
            "application/order", "application/counter", "adapters/javalin/order", "adapters/javalin/counter");

    /**
     * Files and folders (ending in {@code /}) that exist only for the samples: code that has no meaning
     * without them, and the tests that exercise something through them. Paths as in the template.
     */
    static final List<String> SAMPLE_FILES = List.of(
            // The samples' stored names and their golden files; the benchmark of the counter workload.
            "application/contexts/src/test/java/io/clstr/application/catalog/",
            "application/contexts/src/test/resources/golden/order.json",
            "application/contexts/src/test/resources/golden/counter.json",
            "application/contexts/src/bench/java/io/clstr/application/counter/bench/CommandBenchmark.java",
            // HTTP: the tests that reach the shared HTTP machinery through the samples' routes.
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/AsyncHandlingTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/CommandHeadersTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/CommandRefusalsTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/CounterApiTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/ErrorResponsesTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/FakeCounters.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/FakeOrders.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/HttpMetricsTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/HttpServerLifecycleTest.java",
            "adapters/javalin/src/test/java/io/clstr/adapters/javalin/OrderApiTest.java",
            // The node: the load test drives the counter sample; the system tests drive the samples over HTTP.
            "bootstrap/src/main/java/io/clstr/bootstrap/loadtest/",
            "bootstrap/src/test/java/io/clstr/bootstrap/loadtest/",
            "bootstrap/src/test/java/io/clstr/bootstrap/CounterSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/HotEntitySnapshotsIT.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/ErrorResponsesSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/HostileRequestsSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/IdempotencyKeyHttpTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/InfrastructureFailureSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/MetricsSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/NatsNodesIT.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/OrderLifecycleSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/OrderListSystemTest.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/RivalWriterEventStore.java",
            "bootstrap/src/test/java/io/clstr/bootstrap/StalledEventStore.java",
            // Docs that describe nothing but the samples, and the samples' parts of the API document.
            "docs/domain/",
            "docs/api/order.yaml",
            "docs/api/counter.yaml",
            // The docs check: the shipped guides and architecture docs walk through the samples, so they fail it
            // until the team rewrites them (ADR 0016); restore the check from the template afterwards.
            "architecture-tests/src/test/java/io/clstr/architecture/docs/",
            "architecture-tests/src/test/resources/docs-check-fixture/");

    /** The tool and its test: the transformation happens once. */
    static final List<String> SELF = List.of(
            "tools/MakeItYours.java",
            "architecture-tests/src/test/java/io/clstr/template/MakeItYoursIT.java");

    /** Folders never read or written: build output, VCS and IDE state. */
    static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", ".vscode", "node_modules");

    /** The module whose sample-named packages are rule fixtures, not samples. */
    static final String ARCHITECTURE_TESTS = "architecture-tests/";

    static final Pattern PACKAGE_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");
    static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");

    static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>(" + TEMPLATE_PREFIX + "-[a-z0-9-]+)</artifactId>");
    static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;\\s*$");
    static final Pattern JAVA_PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    /** What to do, from the command line. */
    record Options(Path root, String javaPackage, String groupId, String prefix, boolean withoutSamples,
            boolean dryRun) {
    }

    /** A refusal: bad arguments, or a tree this tool cannot transform safely. Nothing has changed. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /**
     * One file of the repository: where it is, where it was in the template, and what it holds (text, or
     * bytes left untouched).
     */
    record Entry(String path, String origin, String text, byte[] bytes) {

        static Entry read(String path, byte[] bytes) {
            String text = decode(bytes);
            return new Entry(path, path, text, text == null ? bytes : null);
        }

        boolean isText() {
            return text != null;
        }

        Entry withText(String newText) {
            return new Entry(path, origin, newText, null);
        }

        Entry movedTo(String newPath) {
            return new Entry(newPath, origin, text, bytes);
        }

        boolean sameContentAs(Entry other) {
            return isText() ? text.equals(other.text) : java.util.Arrays.equals(bytes, other.bytes);
        }
    }

    /** The transformation, computed in full before anything is written. */
    record Plan(Map<String, Entry> before, Map<String, Entry> after, Set<String> deleted, List<String> docsToReview) {

        /** Files whose content changes, wherever they end up. */
        List<String> rewritten() {
            return after.values().stream()
                    .filter(entry -> !entry.sameContentAs(before.get(entry.origin())))
                    .map(Entry::path)
                    .toList();
        }

        /** Files that end up somewhere else. */
        long moved() {
            return after.values().stream().filter(entry -> !entry.path().equals(entry.origin())).count();
        }
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        try {
            Options options = parse(args);
            Plan plan = plan(options);
            report(options, plan);
            if (!options.dryRun()) {
                apply(options.root(), plan);
                System.out.println("Done. Build and test it: ./mvnw -B verify");
            }
        } catch (Refusal e) {
            System.err.println("make-it-yours: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("make-it-yours: " + e);
            System.exit(1);
        }
    }

    static Options parse(String[] args) throws Refusal {
        Map<String, String> values = new LinkedHashMap<>();
        boolean withoutSamples = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--without-samples" -> withoutSamples = true;
                case "--dry-run" -> dryRun = true;
                case "--package", "--group-id", "--prefix", "--dir" -> {
                    if (i + 1 >= args.length) {
                        throw new Refusal(arg + " needs a value");
                    }
                    values.put(arg, args[++i]);
                }
                default -> throw new Refusal("unknown argument " + arg + "\n" + usage());
            }
        }
        for (String required : List.of("--package", "--group-id", "--prefix")) {
            if (!values.containsKey(required)) {
                throw new Refusal("missing " + required + "\n" + usage());
            }
        }
        String javaPackage = values.get("--package");
        if (!PACKAGE_NAME.matcher(javaPackage).matches()) {
            throw new Refusal("--package must be a lower-case Java package of two or more parts, like com.acme.shop;"
                    + " got " + javaPackage);
        }
        for (String part : javaPackage.split("\\.")) {
            if (JAVA_KEYWORDS.contains(part)) {
                throw new Refusal("--package must not contain the Java keyword '" + part + "'");
            }
        }
        if (javaPackage.startsWith("java.") || javaPackage.startsWith("javax.")) {
            throw new Refusal("--package must not be in java or javax");
        }
        String groupId = values.get("--group-id");
        if (!GROUP_ID.matcher(groupId).matches()) {
            throw new Refusal("--group-id must look like com.acme; got " + groupId);
        }
        String prefix = values.get("--prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new Refusal("--prefix must be lower-case letters, digits and single dashes, like shop; got " + prefix);
        }
        Path root = Path.of(values.getOrDefault("--dir", ".")).toAbsolutePath().normalize();
        return new Options(root, javaPackage, groupId, prefix, withoutSamples, dryRun);
    }

    static String usage() {
        return "usage: java tools/MakeItYours.java --package com.acme.shop --group-id com.acme --prefix shop"
                + " [--without-samples] [--dry-run] [--dir <repository>]";
    }

    static Plan plan(Options options) throws IOException, Refusal {
        Map<String, Entry> before = read(options.root());
        Entry rootPom = before.get("pom.xml");
        if (rootPom == null || !rootPom.text().contains("<artifactId>" + TEMPLATE_PREFIX + "-parent</artifactId>")) {
            throw new Refusal(options.root() + " is not the clstr template (no " + TEMPLATE_PREFIX
                    + "-parent in pom.xml): was it made yours already?");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Entry> files = new TreeMap<>(before);
        Set<String> deleted = new TreeSet<>();
        deleteSelf(files, deleted);
        List<String> docsToReview = List.of();
        if (options.withoutSamples()) {
            deleteSamples(files, deleted, problems);
        }
        stripRegions(files, "template", problems);
        if (options.withoutSamples()) {
            stripRegions(files, "sample", problems);
            dropImportsOfDeletedTypes(files, deleted, problems);
            dropImportsNoLongerUsed(files, before);
            docsToReview = docsMentioningSamples(files);
        }
        Map<String, Entry> after = rename(files, options, problems);
        if (!problems.isEmpty()) {
            throw new Refusal("nothing was changed, because:\n  " + String.join("\n  ", problems));
        }
        return new Plan(before, after, deleted, docsToReview);
    }

    /** Every file below the root except build output and VCS or IDE state. */
    static Map<String, Entry> read(Path root) throws IOException {
        Map<String, Entry> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(path -> !skipped(root.relativize(path)))
                    .toList();
            for (Path path : paths) {
                String relative = slashes(root.relativize(path));
                files.put(relative, Entry.read(relative, Files.readAllBytes(path)));
            }
        }
        return files;
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 text, or null for anything binary. */
    private static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void deleteSelf(Map<String, Entry> files, Set<String> deleted) {
        for (String path : SELF) {
            if (files.remove(path) != null) {
                deleted.add(path);
            }
        }
    }

    static void deleteSamples(Map<String, Entry> files, Set<String> deleted, List<String> problems) {
        String root = TEMPLATE_PACKAGE.replace('.', '/');
        List<String> listed = new ArrayList<>(SAMPLE_FILES);
        for (String path : new ArrayList<>(files.keySet())) {
            if (isInSamplePackage(path, root) || listed.stream().anyMatch(entry -> covers(entry, path))) {
                files.remove(path);
                deleted.add(path);
            }
        }
        // A listed path that matches nothing means the list went stale: say so rather than guess.
        for (String entry : listed) {
            if (deleted.stream().noneMatch(path -> covers(entry, path))) {
                problems.add("the sample path " + entry + " does not exist; update SAMPLE_FILES in tools/MakeItYours.java");
            }
        }
    }

    private static boolean covers(String entry, String path) {
        return entry.endsWith("/") ? path.startsWith(entry) : path.equals(entry);
    }

    private static boolean isInSamplePackage(String path, String root) {
        if (path.startsWith(ARCHITECTURE_TESTS)) {
            return false;
        }
        for (String samplePackage : SAMPLE_PACKAGES) {
            if (path.matches(".*/src/[^/]+/(java|resources)/" + Pattern.quote(root + "/" + samplePackage) + "/.*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes every block from a line with a {@code region <name>} comment to the line with the matching
     * {@code endregion <name>} comment, both included. The comment may start with //, # or &lt;!--; in Markdown
     * only &lt;!-- counts, so Java lines quoted in a guide's code blocks are left alone.
     */
    static void stripRegions(Map<String, Entry> files, String name, List<String> problems) {
        Pattern begin = Pattern.compile("^\\s*(//|#|<!--)\\s*region " + name + "\\b.*$");
        Pattern end = Pattern.compile("^\\s*(//|#|<!--)\\s*endregion " + name + "\\b.*$");
        Pattern markdownBegin = Pattern.compile("^\\s*<!--\\s*region " + name + "\\b.*$");
        Pattern markdownEnd = Pattern.compile("^\\s*<!--\\s*endregion " + name + "\\b.*$");
        for (Entry entry : new ArrayList<>(files.values())) {
            if (!entry.isText() || !entry.text().contains("region " + name)) {
                continue;
            }
            boolean markdown = entry.path().endsWith(".md");
            Pattern begins = markdown ? markdownBegin : begin;
            Pattern ends = markdown ? markdownEnd : end;
            StringBuilder kept = new StringBuilder();
            int openedAt = -1;
            int lineNumber = 0;
            for (String line : entry.text().split("(?<=\n)", -1)) {
                lineNumber++;
                String bare = line.stripTrailing();
                if (begins.matcher(bare).matches()) {
                    if (openedAt >= 0) {
                        problems.add(entry.path() + ":" + lineNumber + ": region " + name + " inside another");
                    }
                    openedAt = lineNumber;
                } else if (ends.matcher(bare).matches()) {
                    if (openedAt < 0) {
                        problems.add(entry.path() + ":" + lineNumber + ": endregion " + name + " without a region");
                    }
                    openedAt = -1;
                } else if (openedAt < 0) {
                    kept.append(line);
                }
            }
            if (openedAt >= 0) {
                problems.add(entry.path() + ":" + openedAt + ": region " + name + " is never closed");
            }
            files.put(entry.path(), entry.withText(kept.toString()));
        }
    }

    /**
     * Drops the imports of deleted classes and packages from the Java files that stay, and reports any file
     * that would still use one of them (a compile error later, so better said now with a file name).
     */
    static void dropImportsOfDeletedTypes(Map<String, Entry> files, Set<String> deleted, List<String> problems) {
        Set<String> deletedTypes = new TreeSet<>();
        Set<String> deletedPackages = new TreeSet<>();
        for (String path : deleted) {
            String type = javaTypeOf(path);
            if (type != null) {
                deletedTypes.add(type);
                deletedPackages.add(type.substring(0, type.lastIndexOf('.')));
            }
        }
        // A package is gone only if no file of it stays.
        for (Entry entry : files.values()) {
            String type = javaTypeOf(entry.path());
            if (type != null) {
                deletedPackages.remove(type.substring(0, type.lastIndexOf('.')));
            }
        }
        for (Entry entry : new ArrayList<>(files.values())) {
            if (!entry.isText() || !entry.path().endsWith(".java")) {
                continue;
            }
            StringBuilder kept = new StringBuilder();
            Set<String> dropped = new LinkedHashSet<>();
            for (String line : entry.text().split("(?<=\n)", -1)) {
                Matcher imported = IMPORT.matcher(line.stripTrailing());
                if (imported.matches() && refersToDeleted(imported.group(1), deletedTypes, deletedPackages)) {
                    String name = imported.group(1);
                    dropped.add(name.substring(name.lastIndexOf('.') + 1));
                } else {
                    kept.append(line);
                }
            }
            String text = kept.toString();
            Matcher declared = JAVA_PACKAGE.matcher(text);
            String ownPackage = declared.find() ? declared.group(1) : "";
            for (String type : deletedTypes) {
                if (type.substring(0, type.lastIndexOf('.')).equals(ownPackage)) {
                    dropped.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
            String body = withoutComments(text);
            for (String simpleName : dropped) {
                if (Pattern.compile("\\b" + Pattern.quote(simpleName) + "\\b").matcher(body).find()) {
                    problems.add(entry.path() + " still uses " + simpleName
                            + ", which goes with the samples: mark that code as a region sample");
                }
            }
            for (String samplePackage : deletedPackages) {
                if (Pattern.compile(Pattern.quote(samplePackage) + "\\.[A-Z]").matcher(body).find()) {
                    problems.add(entry.path() + " still names the deleted package " + samplePackage);
                }
            }
            files.put(entry.path(), entry.withText(text));
        }
    }

    /**
     * In the Java files that lost code, drops the imports whose name appears nowhere else in the file any
     * more (javadoc included, so nothing a reader still sees loses its import).
     */
    static void dropImportsNoLongerUsed(Map<String, Entry> files, Map<String, Entry> before) {
        for (Entry entry : new ArrayList<>(files.values())) {
            if (!entry.isText() || !entry.path().endsWith(".java") || entry.sameContentAs(before.get(entry.origin()))) {
                continue;
            }
            List<String> lines = List.of(entry.text().split("(?<=\n)", -1));
            StringBuilder kept = new StringBuilder();
            for (String line : lines) {
                Matcher imported = IMPORT.matcher(line.stripTrailing());
                if (imported.matches() && !line.contains("*")) {
                    String name = imported.group(1).substring(imported.group(1).lastIndexOf('.') + 1);
                    Pattern use = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
                    boolean used = lines.stream().anyMatch(other -> other != line && !IMPORT.matcher(other.stripTrailing())
                            .matches() && use.matcher(other).find());
                    if (!used) {
                        continue;
                    }
                }
                kept.append(line);
            }
            // Where a whole group of imports went, one blank line is enough.
            String text = kept.toString();
            int header = text.indexOf("\n/*");
            if (header > 0) {
                text = text.substring(0, header + 1).replaceAll("\n{3,}", "\n\n") + text.substring(header + 1);
            }
            files.put(entry.path(), entry.withText(text));
        }
    }

    private static boolean refersToDeleted(String name, Set<String> types, Set<String> packages) {
        for (String type : types) {
            if (name.equals(type) || name.startsWith(type + ".")) {
                return true;
            }
        }
        // A type of a deleted package, or the package itself (a wildcard import); not a sub-package of it.
        for (String deletedPackage : packages) {
            if (name.equals(deletedPackage) || name.matches(Pattern.quote(deletedPackage) + "\\.[A-Z].*")) {
                return true;
            }
        }
        return false;
    }

    /** The Java code without comments and string literals, so that prose mentioning a class does not count. */
    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"[^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+\"", "\"\"")
                .replaceAll("//[^\n]*", " ");
    }

    /** {@code a/src/main/java/io/clstr/X.java} → {@code io.clstr.X}; null for anything else. */
    static String javaTypeOf(String path) {
        Matcher matcher = Pattern.compile(".*?/src/[^/]+/java/(.+)\\.java").matcher(path);
        return matcher.matches() ? matcher.group(1).replace('/', '.') : null;
    }

    /** Markdown files that still talk about the samples: prose is for people to rewrite, not for a tool. */
    static List<String> docsMentioningSamples(Map<String, Entry> files) {
        Pattern mention = Pattern.compile("/orders\\b|/counters\\b|\\border sample\\b|\\bcounter sample\\b"
                + "|\\bOrderAggregate\\b|\\bCounterAggregate\\b|domain/order\\.md|domain/counter\\.md",
                Pattern.CASE_INSENSITIVE);
        List<String> mentioning = new ArrayList<>();
        for (Entry entry : files.values()) {
            if (entry.isText() && entry.path().endsWith(".md") && mention.matcher(entry.text()).find()) {
                mentioning.add(entry.path());
            }
        }
        return mentioning;
    }

    /** The package, groupId and artifactIds in every text, and the source folders moved to the new package. */
    static Map<String, Entry> rename(Map<String, Entry> files, Options options, List<String> problems) {
        Set<String> artifactIds = new TreeSet<>(Comparator.comparing(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (Entry entry : files.values()) {
            if (entry.path().endsWith("pom.xml") && entry.isText()) {
                Matcher matcher = ARTIFACT_ID.matcher(entry.text());
                while (matcher.find()) {
                    artifactIds.add(matcher.group(1));
                }
            }
        }
        String oldPath = TEMPLATE_PACKAGE.replace('.', '/');
        String newPath = options.javaPackage().replace('.', '/');
        Map<String, Entry> renamed = new TreeMap<>();
        for (Entry entry : files.values()) {
            String path = entry.path().matches(".*/src/[^/]+/(java|resources)/" + Pattern.quote(oldPath) + "/.*")
                    ? entry.path().replaceFirst("/" + Pattern.quote(oldPath) + "/", "/" + Matcher.quoteReplacement(newPath) + "/")
                    : entry.path();
            Entry moved = entry.movedTo(path);
            if (moved.isText()) {
                moved = moved.withText(renameText(moved.text(), options, artifactIds));
            }
            if (renamed.put(path, moved) != null) {
                problems.add("two files would land on " + path);
            }
        }
        return renamed;
    }

    static String renameText(String text, Options options, Set<String> artifactIds) {
        String result = text;
        // Anywhere, not only in POMs: guides quote POM lines, and there the groupId is the group, not the package.
        result = result.replace("<groupId>" + TEMPLATE_GROUP_ID + "</groupId>",
                "<groupId>" + options.groupId() + "</groupId>");
        result = result.replaceAll("<name>" + TEMPLATE_PREFIX + "\\b", "<name>" + Matcher.quoteReplacement(options.prefix()));
        for (String artifactId : artifactIds) {
            String renamed = options.prefix() + artifactId.substring(TEMPLATE_PREFIX.length());
            result = result.replaceAll("(?<![\\w.-])" + Pattern.quote(artifactId) + "(?![\\w-])",
                    Matcher.quoteReplacement(renamed));
        }
        // Prose naming the scheme: "artifacts `clstr-<module>`".
        result = result.replace(TEMPLATE_PREFIX + "-<", options.prefix() + "-<");
        String javaPackage = options.javaPackage();
        result = result.replaceAll("(?<![\\w.])" + Pattern.quote(TEMPLATE_PACKAGE) + "(?!\\w)",
                Matcher.quoteReplacement(javaPackage));
        // As a path, also inside longer paths: src/main/java/io/clstr/...
        result = result.replaceAll("(?<![\\w.])" + Pattern.quote(TEMPLATE_PACKAGE.replace('.', '/')) + "(?!\\w)",
                Matcher.quoteReplacement(javaPackage.replace('.', '/')));
        // The package inside regular expressions: io\.clstr in text, io\\.clstr in a Java string literal.
        for (String escape : List.of("\\\\", "\\")) {
            String oldEscaped = TEMPLATE_PACKAGE.replace(".", escape + ".");
            result = result.replaceAll("(?<![\\w.\\\\])" + Pattern.quote(oldEscaped) + "(?!\\w)",
                    Matcher.quoteReplacement(javaPackage.replace(".", escape + ".")));
        }
        return result;
    }

    static void report(Options options, Plan plan) {
        System.out.printf("%s %s: package %s, groupId %s, artifactIds %s-*, samples %s%n",
                options.dryRun() ? "Would make" : "Making", options.root(), options.javaPackage(), options.groupId(),
                options.prefix(), options.withoutSamples() ? "removed" : "kept");
        System.out.printf("  %d files deleted, %d moved to the new package, %d rewritten%n",
                plan.deleted().size(), plan.moved(), plan.rewritten().size());
        if (options.dryRun()) {
            plan.deleted().forEach(path -> System.out.println("  delete " + path));
        }
        if (!plan.docsToReview().isEmpty()) {
            System.out.println("These docs still describe the samples; rewrite them for your domain:");
            plan.docsToReview().forEach(path -> System.out.println("  " + path));
        }
    }

    /** Writes the new tree, then removes what is no longer in it, then the folders left empty. */
    static void apply(Path root, Plan plan) throws IOException {
        for (Entry entry : plan.after().values()) {
            boolean moved = !entry.path().equals(entry.origin());
            if (!moved && entry.sameContentAs(plan.before().get(entry.origin()))) {
                continue;
            }
            Path target = root.resolve(entry.path());
            Files.createDirectories(target.getParent());
            Files.write(target, entry.isText() ? entry.text().getBytes(StandardCharsets.UTF_8) : entry.bytes());
            // A moved file keeps its executable bit; one rewritten in place keeps all its permissions anyway.
            if (moved && Files.isExecutable(root.resolve(entry.origin())) && !target.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + target + " executable");
            }
        }
        for (String path : plan.before().keySet()) {
            if (!plan.after().containsKey(path)) {
                Files.delete(root.resolve(path));
            }
        }
        deleteEmptyFolders(root);
    }

    private static void deleteEmptyFolders(Path root) throws IOException {
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(root)) {
            folders = walk.filter(Files::isDirectory)
                    .filter(path -> !path.equals(root) && !skipped(root.relativize(path)))
                    .sorted(Comparator.comparing(Path::getNameCount).reversed())
                    .toList();
        }
        for (Path folder : folders) {
            try (Stream<Path> children = Files.list(folder)) {
                if (children.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private MakeItYours() {
    }
}
