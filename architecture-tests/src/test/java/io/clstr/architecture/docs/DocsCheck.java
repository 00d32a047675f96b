package io.clstr.architecture.docs;

import io.clstr.adapters.micrometer.MetricNames;
import io.clstr.adapters.nats.NatsNames;
import io.clstr.bootstrap.config.Setting;
import io.clstr.bootstrap.loadtest.LoadTestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the documentation true to the repository. For {@code README.md} and every Markdown file under
 * {@code docs/}:
 * <ul>
 *   <li>relative links lead to files that exist, and their {@code #anchors} to headings that exist;</li>
 *   <li>repository paths in inline code ({@code `adapters/nats/...`}) exist;</li>
 *   <li>{@code CLSTR_*} variables, {@code --flags} of {@code clstr.jar}, metric names and Java types exist;</li>
 *   <li>a code block below {@code <!-- snippet: path#tag -->} equals the region of {@code path} between
 *       {@code tag::tag[]} and {@code end::tag[]}, and one below {@code <!-- excerpt: path -->} shows lines of
 *       {@code path} in their order (for a {@code diff} block: its context and removed lines; the added lines
 *       come from {@code path; adds: other#tag}), so the guides cannot drift from compiled code;</li>
 *   <li>every document is reachable from {@code README.md}, and the ADR index lists every decision record.</li>
 * </ul>
 * Each check returns every broken reference as {@code file:line: problem}; {@link DocsCheckTest} runs them on
 * this repository, {@link DocsCheckCanFailTest} on a broken fixture.
 */
final class DocsCheck {

    /** First path segments that make inline code a repository path; not tools/, which the make-it-yours tool deletes. */
    private static final Set<String> TOP_LEVEL = Set.of("domain", "ports", "application", "adapters", "bootstrap",
            "architecture-tests", "docs", ".ci", ".github", ".mvn", "deploy");

    /** {@code CLSTR_*} names that are not settings, and why the docs may use them. */
    private static final Map<String, String> OTHER_CLSTR_NAMES = Map.of(
            Setting.TEST_SUITE_VARIABLE, "read by the test suite, not the node",
            NatsNames.defaults().eventStream(), "the JetStream event stream",
            "CLSTR_SHARD", "the configuration guide's example of a mistyped variable");

    /** Inline code that looks like a Java type but is not one: an HTTP header, a naming pattern. */
    private static final Set<String> NOT_JAVA_TYPES = Set.of("ETag", "Outer.Inner");

    /** Inline code that looks like a flag but stands for the syntax of every flag. */
    private static final Set<String> FLAG_SYNTAX = Set.of("--name");

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("(application|text)/(json|problem\\+json|xml|yaml|plain|html|octet-stream)(;.*)?");

    private static final Pattern CLSTR_NAME = Pattern.compile("\\bCLSTR_[A-Z0-9_]*[A-Z0-9]\\b");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:clstr_(?:es|actor|cluster)_[a-z0-9_]*[a-z0-9]|http_server_requests_seconds(?:_[a-z]+)?)\\b");
    private static final Pattern TYPE_REFERENCE = Pattern.compile(
            "[A-Z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9_]*)*(?:[.#][a-z][A-Za-z0-9]*(?:\\(\\))?)?");
    private static final Pattern ADR_FILE = Pattern.compile("\\d{4}-.*\\.md");

    private final Path root;
    private final List<MarkdownFile> documents;
    private final JavaTypes javaTypes;

    private DocsCheck(Path root, List<MarkdownFile> documents, JavaTypes javaTypes) {
        this.root = root;
        this.documents = documents;
        this.javaTypes = javaTypes;
    }

    /** {@code README.md} and every Markdown file under {@code docs/} of the repository at {@code root}. */
    static DocsCheck of(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<MarkdownFile> documents = new ArrayList<>();
        for (Path file : files) {
            documents.add(read(root, file));
        }
        return new DocsCheck(root, documents, JavaTypes.scan(root));
    }

    List<String> brokenLinks() {
        Problems problems = new Problems();
        Map<Path, MarkdownFile> byPath = documents.stream()
                .collect(Collectors.toMap(MarkdownFile::path, document -> document));
        for (MarkdownFile document : documents) {
            for (MarkdownFile.Link link : document.links()) {
                String target = link.target();
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? document.path() : document.path().getParent().resolve(file).normalize();
                if (!resolved.startsWith(root)) {
                    problems.add(document, link.line(), "link to " + target + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    problems.add(document, link.line(), "link to " + target + ": no such file");
                } else if (anchor != null && resolved.toString().endsWith(".md")) {
                    MarkdownFile linked = byPath.get(resolved);
                    Set<String> anchors = linked != null ? linked.anchors() : read(root, resolved).anchors();
                    if (!anchors.contains(anchor)) {
                        problems.add(document, link.line(), "link to " + target + ": no heading with anchor #"
                                + anchor + " (anchors: " + anchors + ")");
                    }
                }
            }
        }
        return problems.found;
    }

    List<String> missingPaths() {
        Problems problems = new Problems();
        for (MarkdownFile document : documents) {
            for (MarkdownFile.CodeSpan span : document.codeSpans()) {
                String code = span.code();
                if (code.contains(" ") || code.contains("://") || !code.contains("/")
                        || !TOP_LEVEL.contains(code.substring(0, code.indexOf('/'))) || MEDIA_TYPE.matcher(code).matches()) {
                    continue;
                }
                String checked = existingPart(code);
                if (!Files.exists(root.resolve(checked))) {
                    problems.add(document, span.line(), "`" + code + "`: " + checked + " does not exist");
                }
            }
        }
        return problems.found;
    }

    List<String> unknownSettingsAndFlags() {
        Set<String> variables = new TreeSet<>(OTHER_CLSTR_NAMES.keySet());
        Set<String> serveFlags = new TreeSet<>(Set.of("--help", "--version"));
        for (Setting setting : Setting.values()) {
            variables.add(setting.variable());
            serveFlags.add(setting.flag());
        }
        Set<String> loadtestFlags = new TreeSet<>(Set.of("--help"));
        Matcher usage = FLAG.matcher(LoadTestOptions.USAGE);
        while (usage.find()) {
            loadtestFlags.add(usage.group());
        }
        Problems problems = new Problems();
        for (MarkdownFile document : documents) {
            for (MarkdownFile.Line line : document.allLines()) {
                Matcher name = CLSTR_NAME.matcher(line.text());
                while (name.find()) {
                    if (!variables.contains(name.group())) {
                        problems.add(document, line.number(), name.group() + " is not a setting (java -jar"
                                + " bootstrap/target/clstr.jar --help lists them)");
                    }
                }
                int jar = line.text().indexOf("clstr.jar");
                if (jar >= 0) {
                    String command = withoutComment(line.text().substring(jar + "clstr.jar".length()));
                    boolean loadtest = command.trim().startsWith("loadtest");
                    checkFlags(document, line.number(), command, loadtest ? loadtestFlags : serveFlags,
                            loadtest ? "loadtest" : "serve", problems);
                }
            }
            for (MarkdownFile.CodeSpan span : document.codeSpans()) {
                if (span.code().startsWith("--")) {
                    Set<String> any = new TreeSet<>(serveFlags);
                    any.addAll(loadtestFlags);
                    any.addAll(FLAG_SYNTAX);
                    checkFlags(document, span.line(), span.code().split("[\\s=]")[0], any, "serve or loadtest",
                            problems);
                }
            }
        }
        return problems.found;
    }

    List<String> unknownMetrics() {
        Set<String> names = new TreeSet<>();
        for (String family : MetricNames.ALL) {
            names.add(family);
            for (String suffix : List.of("_bucket", "_sum", "_count", "_max")) {
                names.add(family + suffix);
            }
        }
        Problems problems = new Problems();
        for (MarkdownFile document : documents) {
            for (MarkdownFile.Line line : document.allLines()) {
                Matcher metric = METRIC.matcher(line.text());
                while (metric.find()) {
                    if (!names.contains(metric.group())) {
                        problems.add(document, line.number(), metric.group() + " is not a metric (see MetricNames)");
                    }
                }
            }
        }
        return problems.found;
    }

    List<String> unknownJavaTypes() {
        Problems problems = new Problems();
        for (MarkdownFile document : documents) {
            for (MarkdownFile.CodeSpan span : document.codeSpans()) {
                String code = span.code();
                if (!TYPE_REFERENCE.matcher(code).matches() || NOT_JAVA_TYPES.contains(code) || !looksLikeAType(code)) {
                    continue;
                }
                javaTypes.problemWith(code)
                        .ifPresent(problem -> problems.add(document, span.line(), "`" + code + "`: " + problem));
            }
        }
        return problems.found;
    }

    List<String> driftedSnippets() {
        Problems problems = new Problems();
        for (MarkdownFile document : documents) {
            for (MarkdownFile.CodeBlock block : document.codeBlocks()) {
                if (block.marker() == null) {
                    continue;
                }
                try {
                    Optional<String> problem = block.marker().kind().equals("snippet")
                            ? Snippets.snippetProblem(root, block)
                            : Snippets.excerptProblem(root, block);
                    problem.ifPresent(text -> problems.add(document, block.line(), text));
                } catch (IllegalArgumentException e) {
                    problems.add(document, block.line(), e.getMessage());
                }
            }
        }
        return problems.found;
    }

    List<String> unreachableDocuments() {
        Set<Path> reached = new LinkedHashSet<>();
        Deque<Path> next = new ArrayDeque<>(List.of(root.resolve("README.md")));
        Map<Path, MarkdownFile> byPath = new HashMap<>();
        documents.forEach(document -> byPath.put(document.path(), document));
        while (!next.isEmpty()) {
            Path current = next.poll();
            MarkdownFile document = byPath.get(current);
            if (document == null || !reached.add(current)) {
                continue;
            }
            for (MarkdownFile.Link link : document.links()) {
                String target = link.target().replaceAll("#.*", "");
                if (!target.isEmpty() && target.endsWith(".md") && !target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    next.add(current.getParent().resolve(target).normalize());
                }
            }
        }
        List<String> orphans = documents.stream().map(MarkdownFile::path).filter(path -> !reached.contains(path))
                .map(path -> root.relativize(path).toString()).toList();
        return orphans.stream().map(orphan -> orphan + ": no link path from README.md leads here").toList();
    }

    List<String> unlistedDecisionRecords() {
        MarkdownFile index = documents.stream().filter(document -> document.name().equals("docs/adr/README.md"))
                .findFirst().orElseThrow();
        Set<String> linked = index.links().stream().map(MarkdownFile.Link::target).collect(Collectors.toSet());
        try (Stream<Path> records = Files.list(root.resolve("docs/adr"))) {
            return records.map(path -> path.getFileName().toString()).filter(name -> ADR_FILE.matcher(name).matches())
                    .filter(name -> !linked.contains(name)).sorted()
                    .map(name -> "docs/adr/" + name + ": not listed in docs/adr/README.md").toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void checkFlags(MarkdownFile document, int line, String text, Set<String> known, String command,
            Problems problems) {
        Matcher flag = FLAG.matcher(text);
        while (flag.find()) {
            if (!known.contains(flag.group())) {
                problems.add(document, line, flag.group() + " is not a flag of " + command + " (known: " + known + ")");
            }
        }
    }

    private static String withoutComment(String command) {
        int comment = command.indexOf(" #");
        return comment < 0 ? command : command.substring(0, comment);
    }

    /** The leading part of a path that must exist: up to a placeholder or wildcard, and before build output. */
    private static String existingPart(String path) {
        int cut = path.length();
        boolean beforeBuildOutput = false;
        for (String stop : List.of("/target/", "*", "<", "{", "...", "\u2026", "NNNN")) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
                beforeBuildOutput = stop.equals("/target/");
            }
        }
        String prefix = path.substring(0, cut);
        if (cut < path.length() && !beforeBuildOutput && !prefix.endsWith("/")) {
            prefix = prefix.substring(0, Math.max(prefix.lastIndexOf('/'), 0));
        }
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** CamelCase with two humps ({@code EventStore}), or a qualified name or member ({@code HttpApi.Orders}). */
    private static boolean looksLikeAType(String code) {
        String first = code.split("[.#]")[0];
        long upper = first.chars().filter(Character::isUpperCase).count();
        boolean lower = first.chars().anyMatch(Character::isLowerCase);
        return lower && (upper >= 2 || code.contains(".") || code.contains("#"));
    }

    private static MarkdownFile read(Path root, Path file) {
        try {
            return MarkdownFile.read(root, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems found, reported all at once. */
    private static final class Problems {
        private final List<String> found = new ArrayList<>();

        void add(MarkdownFile document, int line, String problem) {
            found.add(document.name() + ":" + line + ": " + problem);
        }

    }
}
