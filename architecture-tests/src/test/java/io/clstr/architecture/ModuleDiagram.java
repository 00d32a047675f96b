package io.clstr.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module diagram of {@code docs/architecture/module-dependencies.md}: Mermaid nodes written
 * {@code id[module: root.package, other.root]} and arrows {@code a --> b}. A class belongs to the module with the
 * longest root that holds its package, so a module may own packages below another's root (the runtime's
 * {@code application.actor} below the contexts' {@code application}).
 */
final class ModuleDiagram {

    private static final Pattern NODE =
            Pattern.compile("^\\s*(\\w+)\\[[^:\\]]+:\\s*([\\w.]+(?:\\s*,\\s*[\\w.]+)*)]\\s*$");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$");

    private final Map<String, List<String>> modules;
    private final Set<String> arrows;

    private ModuleDiagram(Map<String, List<String>> modules, Set<String> arrows) {
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
        Map<String, List<String>> modules = new LinkedHashMap<>();
        Set<String> arrows = new TreeSet<>();
        for (String line : markdown.substring(start, end).split("\n")) {
            Matcher node = NODE.matcher(line);
            Matcher edge = EDGE.matcher(line);
            if (node.matches()) {
                modules.put(node.group(1), List.of(node.group(2).split("\\s*,\\s*")));
            } else if (edge.matches()) {
                arrows.add(edge.group(1) + " --> " + edge.group(2));
            }
        }
        return new ModuleDiagram(modules, arrows);
    }

    /** Each module's root packages, by id. */
    Map<String, List<String>> modules() {
        return Collections.unmodifiableMap(modules);
    }

    Set<String> arrows() {
        return Collections.unmodifiableSet(arrows);
    }

    /** The same diagram with every module root moved below {@code packages}' root, as the rule fixtures imitate it. */
    ModuleDiagram below(ClstrPackages packages) {
        Map<String, List<String>> moved = new LinkedHashMap<>();
        modules.forEach((id, roots) -> moved.put(id, roots.stream()
                .map(root -> packages.root() + root.substring(ClstrPackages.ROOT.length()))
                .toList()));
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

    /** The modules that hold at least one of the classes. */
    Set<String> modulesWithClassesIn(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        classes.forEach(type -> moduleOf(type).ifPresent(found::add));
        return found;
    }

    private Optional<String> moduleOf(JavaClass type) {
        String name = type.getPackageName();
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, List<String>> module : modules.entrySet()) {
            for (String root : module.getValue()) {
                boolean inside = name.equals(root) || name.startsWith(root + ".");
                if (inside && root.length() > bestLength) {
                    best = module.getKey();
                    bestLength = root.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
