package io.clstr.adapters.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clstr.ports.out.codec.Codec;
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
import org.junit.jupiter.api.DynamicTest;

/**
 * Pins the stored JSON of a catalog in one golden file, so that a change to a record that would change stored
 * data, or stop old data from being read, fails a test instead of a production replay.
 *
 * <p>The file is a JSON object whose fields are stored names and whose values are the stored JSON of each,
 * {@code {"parcel.registered.v3": {...}, "parcel.registered.v1": {...}}}; each stored name also has a sample value:
 * <ul>
 *   <li>every current name of the catalog must have both an entry and a sample, and every entry and sample must
 *       belong to a name of the catalog (current, or old with an upcaster);</li>
 *   <li>a current name's entry decodes to its sample, and its sample encodes to JSON equal to the entry,
 *       compared as trees (so layout and property order in the file are free, number types are not);</li>
 *   <li>an old name's entry decodes to its sample, the value after upcasting; old names are never written;</li>
 *   <li>a name given twice in the file, or a property given twice in an entry, is refused.</li>
 * </ul>
 * Golden files are written by a person and reviewed, never regenerated to make a test pass: when an entry is
 * missing, the failure shows the JSON the codec writes today, to check and add; when the file is missing, the
 * whole object, to check and save.
 *
 * <p>Use from a {@code @TestFactory}: {@code return GoldenFiles.of(file, codec).tests(samples);}. Without samples,
 * {@link #roundTrips()} checks what the file alone can show: each current name's entry decodes and encodes back to
 * itself, and each old name's entry decodes.
 */
public final class GoldenFiles {

    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String OLD_NAME = "(an old stored name: write the JSON the old version stored)";

    private final Path file;
    private final Codec codec;

    private GoldenFiles(Path file, Codec codec) {
        this.file = file;
        this.codec = codec;
    }

    /** The golden file {@code file} (a relative path resolves against the module when run by Maven). */
    public static GoldenFiles of(Path file, Codec codec) {
        return new GoldenFiles(file, codec);
    }

    /** The checks for {@code samples}, keyed by stored name, as one test each. */
    public Stream<DynamicTest> tests(Map<String, ?> samples) {
        TypeCatalog catalog = codec.catalog();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("every current stored name has a sample and a golden entry", () -> {
            if (Files.notExists(file)) {
                ObjectNode all = TREES.createObjectNode();
                for (String name : new TreeSet<>(samples.keySet())) {
                    all.set(name, written(name, samples.get(name)));
                }
                fail("missing golden file %s; the codec writes this today, check it before saving it:%n%s",
                        file, pretty(all));
            }
            assertThat(samples.keySet()).as("stored names with a sample").containsAll(catalog.types().keySet());
            assertThat(entryNames()).as("stored names with an entry in " + file)
                    .containsAll(catalog.types().keySet());
        }));
        if (Files.notExists(file)) {
            return tests.stream(); // one failure, with the whole file to save, rather than one per stored name
        }
        tests.add(dynamicTest("every sample and golden entry belongs to a stored name of the catalog", () -> {
            Set<String> known = new TreeSet<>(catalog.types().keySet());
            known.addAll(catalog.upcasters().keySet());
            assertThat(known).as("stored names of the catalog")
                    .containsAll(samples.keySet())
                    .containsAll(entryNames());
        }));
        for (String name : new TreeSet<>(samples.keySet())) {
            Object sample = samples.get(name);
            tests.add(dynamicTest(name + ": golden entry decodes to the sample", () ->
                    assertThat(codec.decode(name, TREES.writeValueAsBytes(entry(name, sample)))).isEqualTo(sample)));
            if (catalog.typeOf(name).isPresent()) {
                tests.add(dynamicTest(name + ": sample encodes to the golden entry", () -> {
                    Encoded encoded = codec.encode(sample);
                    assertThat(encoded.type()).isEqualTo(name);
                    assertThat(TREES.readTree(encoded.data())).isEqualTo(entry(name, sample));
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The checks that need no samples: every current stored name has an entry and every entry belongs to a name of
     * the catalog; a current name's entry decodes with the codec and encodes back to the same JSON, so a field
     * renamed, retyped, added or removed fails; an old name's entry decodes to a type of the catalog (through its
     * upcaster). A missing entry fails with the shape of its type, to fill in with real values.
     */
    public Stream<DynamicTest> roundTrips() {
        TypeCatalog catalog = codec.catalog();
        return Stream.of(
                dynamicTest(file + " has an entry for each stored name, and only those", () -> {
                    if (Files.notExists(file)) {
                        fail("missing golden file %s: a JSON object whose fields are the stored names %s", file,
                                new TreeSet<>(catalog.types().keySet()));
                    }
                    ObjectNode missing = TREES.createObjectNode();
                    Set<String> entries = entryNames();
                    for (String name : new TreeSet<>(catalog.types().keySet())) {
                        if (!entries.contains(name)) {
                            missing.set(name, shapeOf(catalog.typeOf(name).orElseThrow()));
                        }
                    }
                    if (!missing.isEmpty()) {
                        fail("%s has no entry for these stored names; add the JSON each is stored as (its shape"
                                + " here: put real values in):%n%s", file, pretty(missing));
                    }
                    Set<String> known = new TreeSet<>(catalog.types().keySet());
                    known.addAll(catalog.upcasters().keySet());
                    assertThat(known).as("stored names of the catalog").containsAll(entries);
                }),
                dynamicTest(file + ": each entry decodes and encodes back to itself", () -> {
                    for (String name : entryNames()) {
                        JsonNode entry = entries().get(name);
                        Object decoded = codec.decode(name, TREES.writeValueAsBytes(entry));
                        if (catalog.typeOf(name).isPresent()) {
                            Encoded encoded = codec.encode(decoded);
                            assertThat(encoded.type()).as("stored name of the decoded %s", name).isEqualTo(name);
                            assertThat(TREES.readTree(encoded.data())).as("%s encoded again", name).isEqualTo(entry);
                        } else {
                            assertThat(catalog.nameOf(decoded.getClass())).as("%s after upcasting", name).isPresent();
                        }
                    }
                }));
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
            return TextNode.valueOf(type.getEnumConstants()[0].toString());
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return TextNode.valueOf("2026-01-01T00:00:00Z");
        }
        return TextNode.valueOf("...");
    }

    private JsonNode entry(String name, Object sample) throws IOException {
        JsonNode entry = entries().get(name);
        if (entry == null) {
            ObjectNode missing = TREES.createObjectNode().set(name, written(name, sample));
            fail("missing entry %s in golden file %s; the codec writes this today, check it before adding it:%n%s",
                    name, file, pretty(missing));
        }
        return entry;
    }

    private Set<String> entryNames() throws IOException {
        Set<String> names = new TreeSet<>();
        entries().fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The file's entries by stored name; none when the file is missing (the first test shows what to save). */
    private ObjectNode entries() throws IOException {
        if (Files.notExists(file)) {
            return TREES.createObjectNode();
        }
        JsonNode root;
        try {
            root = TREES.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            return fail("golden file %s is not valid JSON: %s", file, e.getMessage());
        }
        if (!(root instanceof ObjectNode entries)) {
            return fail("golden file %s must hold one JSON object whose fields are stored names", file);
        }
        return entries;
    }

    private JsonNode written(String name, Object sample) throws IOException {
        return codec.catalog().typeOf(name).isPresent()
                ? TREES.readTree(codec.encode(sample).data())
                : TextNode.valueOf(OLD_NAME);
    }

    private static String pretty(JsonNode json) throws JsonProcessingException {
        return TREES.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }
}
