package io.clstr.application.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.clstr.adapters.jackson.GoldenFiles;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.testing.SealedFamilies;
import io.clstr.ports.out.codec.TypeCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The stored formats of every bounded context of this module, found among its compiled classes, so a new context
 * needs no test of its own for them: only its golden file {@code src/test/resources/golden/<package>.json}, named
 * after the context's package ({@code golden/loyalty.json} for {@code io.clstr.application.loyalty}). For each
 * context, every command, event and state type of its aggregates has a stored name, and the golden file passes
 * {@link GoldenFiles#roundTrips()}.
 */
class StoredFormatsTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicNode> every_context_pins_its_stored_formats() throws IOException {
        return contexts().stream().map(context -> {
            String packageName = context.getClass().getPackageName();
            Path file = GOLDEN.resolve(packageName.substring(packageName.lastIndexOf('.') + 1) + ".json");
            TypeCatalog catalog = context.types();
            return dynamicContainer(context.getClass().getSimpleName(), Stream.concat(
                    Stream.of(dynamicTest("every command, event and state type has a stored name", () -> {
                        for (Aggregate<?, ?, ?> aggregate : context.aggregates()) {
                            List<Class<?>> types = new ArrayList<>(SealedFamilies.leavesOf(aggregate.commandType()));
                            types.addAll(SealedFamilies.leavesOf(aggregate.eventType()));
                            types.add(aggregate.stateType());
                            for (Class<?> type : types) {
                                assertThat(catalog.nameOf(type)).as("stored name of %s", type.getName()).isPresent();
                            }
                        }
                    })),
                    GoldenFiles.of(file, new JacksonCodec(catalog)).roundTrips()));
        });
    }

    /**
     * The contexts among this module's classes; each has a constructor without arguments, as a node needs. A module
     * without main classes (the template without its samples) has none.
     */
    private static List<BoundedContext> contexts() throws IOException {
        List<BoundedContext> contexts = new ArrayList<>();
        if (Files.notExists(CLASSES)) {
            return contexts;
        }
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String className = CLASSES.relativize(file).toString().replace(".class", "").replace('/', '.')
                        .replace('\\', '.');
                Class<?> type;
                try {
                    type = Class.forName(className);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (BoundedContext.class.isAssignableFrom(type) && !type.isInterface()) {
                    try {
                        contexts.add((BoundedContext) type.getConstructor().newInstance());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(type + " needs a public constructor without arguments", e);
                    }
                }
            }
        }
        return contexts;
    }
}
