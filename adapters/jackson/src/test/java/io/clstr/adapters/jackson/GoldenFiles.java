package io.clstr.adapters.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.TypeCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Pins the stored JSON of a catalog in files, so that a change to a record that would change stored data,
 * or stop old data from being read, fails a test instead of a production replay.
 *
 * <p>Each stored name has a file {@code <directory>/<stored-name>.json} and a sample value:
 * <ul>
 *   <li>every current name of the catalog must have both, and every file and sample must belong to a name
 *       of the catalog (current, or old with an upcaster);</li>
 *   <li>a current name's file decodes to its sample, and its sample encodes to JSON equal to the file,
 *       compared as trees (so layout and property order in the file are free, number types are not);</li>
 *   <li>an old name's file decodes to its sample, the value after upcasting; old names are never written.</li>
 * </ul>
 * Golden files are written by a person and reviewed, never regenerated to make a test pass: when one is
 * missing, the failure shows the JSON the codec writes today, to check and save.
 *
 * <p>Use from a {@code @TestFactory}: {@code return GoldenFiles.in(dir, codec).tests(samples);}.
 */
public final class GoldenFiles {

    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Path directory;
    private final Codec codec;

    private GoldenFiles(Path directory, Codec codec) {
        this.directory = directory;
        this.codec = codec;
    }

    /** Golden files in {@code directory} (relative paths resolve against the module when run by Maven). */
    public static GoldenFiles in(Path directory, Codec codec) {
        return new GoldenFiles(directory, codec);
    }

    /** The checks for {@code samples}, keyed by stored name, as one test each. */
    public Stream<DynamicTest> tests(Map<String, ?> samples) {
        TypeCatalog catalog = codec.catalog();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("every current stored name has a sample and a golden file", () -> {
            assertThat(samples.keySet()).as("stored names with a sample").containsAll(catalog.types().keySet());
            assertThat(goldenNames()).as("stored names with a golden file in " + directory)
                    .containsAll(catalog.types().keySet());
        }));
        tests.add(dynamicTest("every sample and golden file belongs to a stored name of the catalog", () -> {
            Set<String> known = new TreeSet<>(catalog.types().keySet());
            known.addAll(catalog.upcasters().keySet());
            assertThat(known).as("stored names of the catalog")
                    .containsAll(samples.keySet())
                    .containsAll(goldenNames());
        }));
        for (String name : new TreeSet<>(samples.keySet())) {
            Object sample = samples.get(name);
            tests.add(dynamicTest(name + ": golden file decodes to the sample", () ->
                    assertThat(codec.decode(name, golden(name, sample))).isEqualTo(sample)));
            if (catalog.typeOf(name).isPresent()) {
                tests.add(dynamicTest(name + ": sample encodes to the golden file", () -> {
                    Encoded encoded = codec.encode(sample);
                    assertThat(encoded.type()).isEqualTo(name);
                    assertThat(tree(encoded.data())).isEqualTo(tree(golden(name, sample)));
                }));
            }
        }
        return tests.stream();
    }

    private byte[] golden(String name, Object sample) throws IOException {
        Path file = directory.resolve(name + ".json");
        if (Files.notExists(file)) {
            String written = codec.catalog().typeOf(name).isPresent()
                    ? TREES.writerWithDefaultPrettyPrinter().writeValueAsString(tree(codec.encode(sample).data()))
                    : "(an old stored name: write the JSON the old version stored)";
            fail("missing golden file " + file + "; the codec writes this today, check it before saving it:%n%s",
                    written);
        }
        return Files.readAllBytes(file);
    }

    private Set<String> goldenNames() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".json"))
                    .map(file -> file.substring(0, file.length() - ".json".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list golden files in " + directory, e);
        }
    }

    private static JsonNode tree(byte[] json) throws IOException {
        return TREES.readTree(json);
    }
}
