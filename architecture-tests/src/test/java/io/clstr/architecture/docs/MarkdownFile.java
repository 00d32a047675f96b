package io.clstr.architecture.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown document, split the way the docs check needs it: prose lines (outside fenced code blocks) with
 * their links and inline code spans, fenced code blocks with the marker comment that precedes them, and the
 * anchors GitHub makes for its headings.
 */
final class MarkdownFile {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)(.*)$");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(snippet|excerpt):\\s*(.*?)\\s*-->\\s*$");

    /** A line of prose with its 1-based number. */
    record Line(int number, String text) {
    }

    /** An inline code span, such as {@code `EventStore`}. */
    record CodeSpan(int line, String code) {
    }

    /** A link target as written, such as {@code ../adr/README.md#decisions}. */
    record Link(int line, String target) {
    }

    /**
     * A fenced code block.
     *
     * @param line the line of the opening fence
     * @param info what follows the opening fence ({@code java}, {@code diff}, ...)
     * @param marker the {@code <!-- snippet: ... -->} or {@code <!-- excerpt: ... -->} comment right above it
     */
    record CodeBlock(int line, String info, List<String> lines, Marker marker) {
    }

    /** A comment that ties the next code block to a source file. */
    record Marker(String kind, String argument) {
    }

    private final Path path;
    private final String relativePath;
    private final List<Line> prose = new ArrayList<>();
    private final List<CodeBlock> blocks = new ArrayList<>();
    private final List<String> allLines;
    private final Set<String> anchors = new LinkedHashSet<>();

    private MarkdownFile(Path path, String relativePath, List<String> lines) {
        this.path = path;
        this.relativePath = relativePath;
        this.allLines = lines;
        parse();
    }

    static MarkdownFile read(Path root, Path file) throws IOException {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return new MarkdownFile(file, relative, Files.readAllLines(file));
    }

    Path path() {
        return path;
    }

    /** The path from the repository root, as messages show it. */
    String name() {
        return relativePath;
    }

    /** Every line, code blocks included, with its number. */
    List<Line> allLines() {
        List<Line> lines = new ArrayList<>(allLines.size());
        for (int i = 0; i < allLines.size(); i++) {
            lines.add(new Line(i + 1, allLines.get(i)));
        }
        return lines;
    }

    List<Line> prose() {
        return prose;
    }

    List<CodeBlock> codeBlocks() {
        return blocks;
    }

    /** The inline code spans of the prose. */
    List<CodeSpan> codeSpans() {
        List<CodeSpan> spans = new ArrayList<>();
        for (Line line : prose) {
            Matcher matcher = INLINE_CODE.matcher(line.text());
            while (matcher.find()) {
                spans.add(new CodeSpan(line.number(), matcher.group(2).trim()));
            }
        }
        return spans;
    }

    /** The targets of inline links, images and reference definitions in the prose (not inside code spans). */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Line line : prose) {
            String text = INLINE_CODE.matcher(line.text()).replaceAll("code");
            Matcher matcher = LINK.matcher(text);
            while (matcher.find()) {
                links.add(new Link(line.number(), matcher.group(2)));
            }
            Matcher reference = REFERENCE.matcher(text);
            if (reference.find()) {
                links.add(new Link(line.number(), reference.group(1)));
            }
        }
        return links;
    }

    /** The anchors GitHub gives this document's headings. */
    Set<String> anchors() {
        return anchors;
    }

    private void parse() {
        Map<String, Integer> slugCounts = new HashMap<>();
        int i = 0;
        while (i < allLines.size()) {
            String text = allLines.get(i);
            Matcher fence = FENCE.matcher(text);
            if (fence.matches()) {
                String delimiter = fence.group(1);
                Marker marker = markerAbove(i);
                List<String> content = new ArrayList<>();
                int start = i + 1;
                i++;
                while (i < allLines.size() && !allLines.get(i).trim().startsWith(delimiter)) {
                    content.add(allLines.get(i));
                    i++;
                }
                blocks.add(new CodeBlock(start, fence.group(2).trim(), content, marker));
                i++;
                continue;
            }
            prose.add(new Line(i + 1, text));
            Matcher heading = HEADING.matcher(text);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int seen = slugCounts.merge(slug, 1, Integer::sum);
                anchors.add(seen == 1 ? slug : slug + "-" + (seen - 1));
            }
            i++;
        }
    }

    private Marker markerAbove(int fenceIndex) {
        if (fenceIndex == 0) {
            return null;
        }
        Matcher marker = MARKER.matcher(allLines.get(fenceIndex - 1));
        return marker.matches() ? new Marker(marker.group(1), marker.group(2)) : null;
    }

    /** GitHub's heading anchor: the rendered text, lower case, without punctuation, spaces as dashes. */
    static String slug(String heading) {
        String rendered = heading
                .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replace("`", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        rendered.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
