package io.clstr.application.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.testing.SealedFamilies;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.TypeCatalog;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The stored formats of every bounded context of this module, found among its compiled classes, so a new context
 * needs no test of its own for them: only its golden file {@code src/test/resources/golden/<package>.json}, named
 * after the context's package ({@code golden/loyalty.json} for {@code io.clstr.application.loyalty}).
 *
 * <p>For each context: every command, event and state type of its aggregates has a stored name; the golden file
 * has an entry for every stored name of its catalog and none for a name it does not know; each entry of a current
 * name decodes with the strict codec and encodes back to the same JSON (so a renamed, retyped, added or removed
 * field fails here, not in a production replay); each entry of an old name decodes through its upcaster. Golden
 * entries are written and reviewed by a person: a missing one fails with the shape to fill in.
 */
class StoredFormatsTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @TestFactory
    Stream<DynamicNode> every_context_pins_its_stored_formats() throws IOException {
        return contexts().stream().map(context -> {
            String name = context.getClass().getPackageName().substring(
                    context.getClass().getPackageName().lastIndexOf('.') + 1);
            return dynamicContainer(context.getClass().getSimpleName(), checks(context, GOLDEN.resolve(name + ".json")));
        });
    }

    private static Stream<DynamicNode> checks(BoundedContext context, Path file) {
        TypeCatalog catalog = context.types();
        JacksonCodec codec = new JacksonCodec(catalog);
        List<DynamicNode> checks = new ArrayList<>();
        checks.add(dynamicTest("every command, event and state type has a stored name", () -> {
            for (Aggregate<?, ?, ?> aggregate : context.aggregates()) {
                List<Class<?>> types = new ArrayList<>(SealedFamilies.leavesOf(aggregate.commandType()));
                types.addAll(SealedFamilies.leavesOf(aggregate.eventType()));
                types.add(aggregate.stateType());
                for (Class<?> type : types) {
                    assertThat(catalog.nameOf(type)).as("stored name of %s", type.getName()).isPresent();
                }
            }
        }));
        checks.add(dynamicTest(file + " has an entry for each stored name, and only those", () -> {
            ObjectNode entries = entries(file);
            List<String> missing = new ArrayList<>();
            ObjectNode shapes = TREES.createObjectNode();
            for (String name : new TreeSet<>(catalog.types().keySet())) {
                if (!entries.has(name)) {
                    missing.add(name);
                    shapes.set(name, shapeOf(catalog.typeOf(name).orElseThrow()));
                }
            }
            if (!missing.isEmpty()) {
                fail("%s has no entry for %s. Add the JSON a value of each type is stored as (this is its shape;"
                        + " put real values in):%n%s", file, missing,
                        TREES.writerWithDefaultPrettyPrinter().writeValueAsString(shapes));
            }
            Set<String> known = new TreeSet<>(catalog.types().keySet());
            known.addAll(catalog.upcasters().keySet());
            List<String> unknown = new ArrayList<>();
            entries.fieldNames().forEachRemaining(entry -> {
                if (!known.contains(entry)) {
                    unknown.add(entry);
                }
            });
            assertThat(unknown).as("entries of %s that are no stored name of %s", file,
                    context.getClass().getSimpleName()).isEmpty();
        }));
        checks.add(dynamicTest("each golden entry decodes and encodes back to itself", () -> {
            ObjectNode entries = entries(file);
            for (Map.Entry<String, JsonNode> entry : iterable(entries)) {
                String name = entry.getKey();
                Object decoded = codec.decode(name, TREES.writeValueAsBytes(entry.getValue()));
                if (catalog.typeOf(name).isPresent()) {
                    Encoded encoded = codec.encode(decoded);
                    assertThat(encoded.type()).as("stored name of the decoded %s", name).isEqualTo(name);
                    assertThat(TREES.readTree(encoded.data())).as("%s encoded again", name).isEqualTo(entry.getValue());
                } else {
                    assertThat(catalog.nameOf(decoded.getClass())).as("%s after upcasting", name).isPresent();
                }
            }
        }));
        return checks.stream();
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

    private static ObjectNode entries(Path file) throws IOException {
        if (Files.notExists(file)) {
            return fail("missing golden file %s: a JSON object whose fields are the context's stored names", file);
        }
        if (!(TREES.readTree(file.toFile()) instanceof ObjectNode entries)) {
            return fail("golden file %s must hold one JSON object whose fields are stored names", file);
        }
        return entries;
    }

    /** A record's fields with placeholders of their JSON types, for the message of a missing entry. */
    private static JsonNode shapeOf(Class<?> type) {
        if (type.isRecord()) {
            ObjectNode shape = TREES.createObjectNode();
            for (RecordComponent component : type.getRecordComponents()) {
                shape.set(component.getName(), shapeOf(component.getType()));
            }
            return shape;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return TREES.getNodeFactory().numberNode(0);
        }
        if (type == boolean.class || type == Boolean.class) {
            return TREES.getNodeFactory().booleanNode(false);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return TREES.createArrayNode();
        }
        if (Map.class.isAssignableFrom(type)) {
            return TREES.createObjectNode();
        }
        if (type.isEnum()) {
            return TREES.getNodeFactory().textNode(type.getEnumConstants()[0].toString());
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return TREES.getNodeFactory().textNode("2026-01-01T00:00:00Z");
        }
        return TREES.getNodeFactory().textNode("...");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode entries) {
        return entries::fields;
    }
}
