package io.clstr.architecture.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares code blocks of the guides with the sources they come from.
 *
 * <p>A source marks a region with comment lines holding {@code tag::name[]} and {@code end::name[]} (any comment
 * syntax). Marker lines of other regions inside it are left out, and the region is shifted left by its common
 * indentation.
 */
final class Snippets {

    private Snippets() {
    }

    /**
     * {@code <!-- snippet: path#tag -->}: the block must equal the region. Several regions, separated by commas
     * ({@code a#x, b#y}), are shown one after the other with a blank line between them.
     */
    static Optional<String> snippetProblem(Path root, MarkdownFile.CodeBlock block) {
        String argument = block.marker().argument();
        List<String> expected = new ArrayList<>();
        for (String source : argument.split(",\\s*")) {
            int hash = source.indexOf('#');
            if (hash < 0) {
                throw new IllegalArgumentException("snippet marker '" + source + "' needs path#tag");
            }
            if (!expected.isEmpty()) {
                expected.add("");
            }
            expected.addAll(trimmed(region(root, source.substring(0, hash), source.substring(hash + 1))));
        }
        List<String> actual = trimmed(block.lines());
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : "(end of the source region)";
            String got = i < actual.size() ? actual.get(i) : "(end of the code block)";
            if (!want.equals(got)) {
                return Optional.of("snippet " + argument + " differs at its line " + (i + 1) + ":\n      source: "
                        + want + "\n      guide:  " + got
                        + "\n    copy the regions between tag::<name>[] and end::<name>[] of the sources");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code <!-- excerpt: path -->} or {@code <!-- excerpt: path; adds: other#tag -->}: the block's lines (in a
     * {@code diff} block: its context and removed lines) appear in {@code path} in this order; {@code ...} lines
     * stand for lines left out. With {@code adds:}, a diff's added lines appear, in order, in the region
     * {@code other#tag}.
     */
    static Optional<String> excerptProblem(Path root, MarkdownFile.CodeBlock block) {
        String argument = block.marker().argument();
        String[] parts = argument.split(";\\s*adds:\\s*");
        String path = parts[0].trim();
        boolean diff = block.info().equals("diff");
        List<String> context = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String line : block.lines()) {
            if (diff) {
                if (line.startsWith("+")) {
                    added.add(line.substring(1));
                } else if (line.startsWith(" ") || line.startsWith("-")) {
                    context.add(line.substring(1));
                }
            } else {
                context.add(line);
            }
        }
        Optional<String> problem = subsequenceProblem(context, lines(root, path), path);
        if (problem.isPresent() || !diff) {
            return problem;
        }
        if (parts.length < 2) {
            return Optional.empty(); // added lines that no compiled source holds
        }
        String source = parts[1].trim();
        int hash = source.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("excerpt marker '" + argument + "' needs adds: path#tag");
        }
        return subsequenceProblem(added, region(root, source.substring(0, hash), source.substring(hash + 1)), source);
    }

    private static Optional<String> subsequenceProblem(List<String> shown, List<String> source, String where) {
        int at = 0;
        for (String line : shown) {
            String wanted = line.trim();
            if (wanted.isEmpty() || wanted.equals("...") || wanted.equals("// ...") || wanted.equals("# ...")) {
                continue;
            }
            while (at < source.size() && !source.get(at).trim().equals(wanted)) {
                at++;
            }
            if (at == source.size()) {
                return Optional.of("excerpt line not found in " + where + " (in this order): " + wanted);
            }
            at++;
        }
        return Optional.empty();
    }

    static List<String> region(Path root, String path, String tag) {
        List<String> lines = lines(root, path);
        String begin = "tag::" + tag + "[]";
        String end = "end::" + tag + "[]";
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(begin)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException(path + " has no region " + begin);
        }
        List<String> region = new ArrayList<>();
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains(end)) {
                return dedent(region);
            }
            if (!line.contains("tag::") && !line.contains("end::")) {
                region.add(line);
            }
        }
        throw new IllegalArgumentException(path + ": region " + begin + " has no " + end);
    }

    private static List<String> lines(Path root, String path) {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such source file: " + path);
        }
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>(lines.size());
        for (String line : lines) {
            result.add(line.isBlank() ? "" : line.substring(indent));
        }
        return result;
    }

    /** Without trailing spaces, and without blank lines at either end. */
    private static List<String> trimmed(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.stripTrailing());
        }
        while (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }
}
