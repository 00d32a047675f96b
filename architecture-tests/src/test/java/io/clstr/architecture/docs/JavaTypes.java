package io.clstr.architecture.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java types a document may name: every type declared in the repository's sources (main and test, nested
 * ones included), and the JDK and library types found by their simple name in a few well-known packages.
 */
final class JavaTypes {

    private static final Pattern DECLARATION =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9_]*)");

    /** Where a simple name that the repository does not declare is looked up, in this order. */
    private static final List<String> LIBRARY_PACKAGES = List.of(
            "java.lang.", "java.util.", "java.util.concurrent.", "java.util.function.", "java.time.", "java.io.",
            "java.nio.file.", "java.net.", "java.net.http.", "java.math.",
            "io.nats.client.", "io.nats.client.api.",
            "io.javalin.", "io.javalin.http.", "io.javalin.config.",
            "org.eclipse.jetty.server.", "org.eclipse.jetty.server.handler.",
            "io.micrometer.core.instrument.", "io.micrometer.prometheusmetrics.",
            "com.fasterxml.jackson.databind.",
            "com.tngtech.archunit.lang.", "com.tngtech.archunit.junit.", "com.tngtech.archunit.library.",
            "org.junit.jupiter.api.", "org.assertj.core.api.");

    /** Simple name to the source files declaring it. */
    private final Map<String, List<Path>> declared = new HashMap<>();
    private final Map<Path, String> sources = new HashMap<>();

    private JavaTypes() {
    }

    static JavaTypes scan(Path root) {
        JavaTypes types = new JavaTypes();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !root.relativize(file).toString().replace('\\', '/').contains("/target/"))
                    .filter(file -> !root.relativize(file).toString().replace('\\', '/').contains("/src/test/resources/"))
                    .filter(file -> !root.relativize(file).startsWith(".git"))
                    .forEach(types::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    private void add(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sources.put(file, source);
        Matcher matcher = DECLARATION.matcher(source);
        while (matcher.find()) {
            declared.computeIfAbsent(matcher.group(1), name -> new ArrayList<>()).add(file);
        }
    }

    /**
     * Checks a reference such as {@code EventStore}, {@code HttpApi.Orders}, {@code ClusterNode.stop} or
     * {@code Codec#decode()}; returns what is wrong with it, or empty when it resolves.
     */
    Optional<String> problemWith(String reference) {
        String text = reference.endsWith("()") ? reference.substring(0, reference.length() - 2) : reference;
        String member = null;
        int hash = text.indexOf('#');
        if (hash > 0) {
            member = text.substring(hash + 1);
            text = text.substring(0, hash);
        }
        String[] parts = text.split("\\.");
        if (member == null && parts.length > 1 && isMember(parts[parts.length - 1])) {
            member = parts[parts.length - 1];
            parts = java.util.Arrays.copyOf(parts, parts.length - 1);
        }
        String outer = parts[0];
        String innermost = parts[parts.length - 1];
        if (declared.containsKey(outer)) {
            for (int i = 1; i < parts.length; i++) {
                if (!declaredIn(outer, parts[i])) {
                    return Optional.of("no type " + parts[i] + " is declared in the sources of " + outer);
                }
            }
            if (member != null && !mentionedIn(parts.length > 1 ? outer : innermost, member)) {
                return Optional.of("the sources of " + innermost + " have no member " + member);
            }
            return Optional.empty();
        }
        Optional<Class<?>> library = library(String.join("$", parts));
        if (library.isEmpty()) {
            return Optional.of("no such type in the sources, the JDK or the libraries");
        }
        if (member != null && !hasMember(library.get(), member)) {
            return Optional.of(library.get().getName() + " has no member " + member);
        }
        return Optional.empty();
    }

    /** A method or field ({@code stop}), or a constant ({@code NOOP}, {@code MAX_EVENTS_PER_APPEND}). */
    private static boolean isMember(String name) {
        return Character.isLowerCase(name.charAt(0)) || (name.length() > 1 && name.equals(name.toUpperCase(java.util.Locale.ROOT)));
    }

    private boolean declaredIn(String outer, String nested) {
        return declared.getOrDefault(nested, List.of()).stream()
                .anyMatch(file -> declared.getOrDefault(outer, List.of()).contains(file));
    }

    private boolean mentionedIn(String type, String member) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
        return declared.getOrDefault(type, List.of()).stream().anyMatch(file -> word.matcher(sources.get(file)).find());
    }

    private static Optional<Class<?>> library(String binaryName) {
        for (String pkg : LIBRARY_PACKAGES) {
            try {
                return Optional.of(Class.forName(pkg + binaryName, false, JavaTypes.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    private static boolean hasMember(Class<?> type, String member) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(member)) {
                return true;
            }
        }
        for (Field field : type.getFields()) {
            if (field.getName().equals(member)) {
                return true;
            }
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(member)) {
                    return true;
                }
            }
        }
        return false;
    }
}
