package io.clstr.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module diagram of {@code docs/architecture/module-dependencies.md}: Mermaid nodes written
 * {@code id[module: root.package]} and arrows {@code a --> b}.
 */
final class ModuleDiagram {

    private static final Pattern NODE = Pattern.compile("^\\s*(\\w+)\\[[^:\\]]+:\\s*([\\w.]+)]\\s*$");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$");

    private final Map<String, String> modules;
    private final Set<String> arrows;

    private ModuleDiagram(Map<String, String> modules, Set<String> arrows) {
        this.modules = modules;
        this.arrows = arrows;
    }

    /** Reads the first Mermaid block of a Markdown document. */
    static ModuleDiagram parse(String markdown) {
        int start = markdown.indexOf("```mermaid");
        if (start < 0) {
            throw new IllegalArgumentException("no mermaid block found");
        }
        int end = markdown.indexOf("```", start + 3);
        Map<String, String> modules = new LinkedHashMap<>();
        Set<String> arrows = new TreeSet<>();
        for (String line : markdown.substring(start, end).split("\n")) {
            Matcher node = NODE.matcher(line);
            Matcher edge = EDGE.matcher(line);
            if (node.matches()) {
                modules.put(node.group(1), node.group(2));
            } else if (edge.matches()) {
                arrows.add(edge.group(1) + " --> " + edge.group(2));
            }
        }
        return new ModuleDiagram(modules, arrows);
    }

    Map<String, String> modules() {
        return Collections.unmodifiableMap(modules);
    }

    Set<String> arrows() {
        return Collections.unmodifiableSet(arrows);
    }

    /** The same diagram with every module root moved below {@code packages}' root, as the rule fixtures imitate it. */
    ModuleDiagram below(ClstrPackages packages) {
        Map<String, String> moved = new LinkedHashMap<>();
        modules.forEach((id, root) -> moved.put(id, packages.root() + root.substring(ClstrPackages.ROOT.length())));
        return new ModuleDiagram(moved, arrows);
    }

    /** The module-to-module dependencies the classes really have. */
    Set<String> dependenciesIn(JavaClasses classes) {
        Set<String> actual = new TreeSet<>();
        for (JavaClass origin : classes) {
            Optional<String> from = moduleOf(origin);
            if (from.isEmpty()) {
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                moduleOf(dependency.getTargetClass())
                        .filter(to -> !to.equals(from.get()))
                        .ifPresent(to -> actual.add(from.get() + " --> " + to));
            }
        }
        return actual;
    }

    private Optional<String> moduleOf(JavaClass type) {
        String name = type.getPackageName();
        String best = null;
        for (Map.Entry<String, String> module : modules.entrySet()) {
            String root = module.getValue();
            boolean inside = name.equals(root) || name.startsWith(root + ".");
            if (inside && (best == null || root.length() > modules.get(best).length())) {
                best = module.getKey();
            }
        }
        return Optional.ofNullable(best);
    }
}
