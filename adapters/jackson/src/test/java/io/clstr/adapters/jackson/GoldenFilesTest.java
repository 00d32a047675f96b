package io.clstr.adapters.jackson;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.parcel.ParcelCommand.CancelParcel;
import io.clstr.ports.out.codec.TypeCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link GoldenFiles} refuses in a golden file, and what its failures tell the reader. */
class GoldenFilesTest {

    private static final String NAME = "parcel.cancel.v1";
    private static final Map<String, Object> SAMPLES = Map.of(NAME, new CancelParcel("P-1", "lost"));
    private static final String ENTRY = "\"" + NAME + "\": {\"parcelId\": \"P-1\", \"reason\": \"lost\"}";

    private final JacksonCodec codec = new JacksonCodec(TypeCatalog.empty().with(NAME, CancelParcel.class));

    @TempDir
    Path directory;

    @Test
    void passes_when_the_file_holds_an_entry_per_stored_name() throws IOException {
        assertThat(failures("{" + ENTRY + "}")).isEmpty();
    }

    @Test
    void a_missing_file_shows_the_whole_object_to_save() {
        Map<String, String> failures = failures(GoldenFiles.of(directory.resolve("absent.json"), codec).tests(SAMPLES));

        assertThat(failures).as("one failure, not one per stored name").hasSize(1);
        assertThat(failures.get("every current stored name has a sample and a golden entry"))
                .contains("missing golden file", "absent.json", "\"" + NAME + "\" : {", "\"parcelId\" : \"P-1\"");
    }

    @Test
    void a_missing_entry_shows_the_json_to_add() throws IOException {
        Map<String, String> failures = failures("{}");

        assertThat(failures).containsKeys("every current stored name has a sample and a golden entry",
                NAME + ": golden entry decodes to the sample", NAME + ": sample encodes to the golden entry");
        assertThat(failures.get(NAME + ": golden entry decodes to the sample"))
                .contains("missing entry " + NAME, "\"parcelId\" : \"P-1\"", "\"reason\" : \"lost\"");
    }

    @Test
    void an_entry_without_a_stored_name_of_the_catalog_is_refused() throws IOException {
        Map<String, String> failures = failures("{" + ENTRY + ", \"parcel.lost.v1\": {}}");

        assertThat(failures).containsOnlyKeys("every sample and golden entry belongs to a stored name of the catalog");
        assertThat(failures.values()).singleElement().asString().contains("parcel.lost.v1");
    }

    @Test
    void a_stored_name_given_twice_is_refused() throws IOException {
        Map<String, String> failures = failures("{" + ENTRY + ", " + ENTRY + "}");

        assertThat(failures).hasSize(4);
        assertThat(failures.values()).allSatisfy(message -> assertThat(message).contains("Duplicate field"));
    }

    @Nested
    class WithoutSamples {

        @Test
        void passes_when_each_entry_encodes_back_to_itself() throws IOException {
            assertThat(roundTripFailures("{" + ENTRY + "}")).isEmpty();
        }

        @Test
        void a_missing_entry_shows_the_shape_of_its_type() throws IOException {
            assertThat(roundTripFailures("{}").values()).singleElement().asString()
                    .contains("no entry", "\"" + NAME + "\" : {", "\"parcelId\" : \"...\"");
        }

        @Test
        void an_entry_that_lost_or_gained_a_field_fails() throws IOException {
            String renamed = "{\"" + NAME + "\": {\"parcel\": \"P-1\", \"reason\": \"lost\"}}";
            String missingField = "{\"" + NAME + "\": {\"parcelId\": \"P-1\"}}";

            assertThat(roundTripFailures(renamed)).containsOnlyKeys(
                    directory.resolve("golden.json") + ": each entry decodes and encodes back to itself");
            assertThat(roundTripFailures(missingField)).containsOnlyKeys(
                    directory.resolve("golden.json") + ": each entry decodes and encodes back to itself");
        }

        @Test
        void an_entry_without_a_stored_name_of_the_catalog_is_refused() throws IOException {
            assertThat(roundTripFailures("{" + ENTRY + ", \"parcel.lost.v1\": {}}").values()).isNotEmpty()
                    .anySatisfy(message -> assertThat(message).contains("parcel.lost.v1"));
        }

        private Map<String, String> roundTripFailures(String json) throws IOException {
            Path file = Files.writeString(directory.resolve("golden.json"), json, UTF_8);
            return failures(GoldenFiles.of(file, codec).roundTrips());
        }
    }

    private Map<String, String> failures(String json) throws IOException {
        Path file = Files.writeString(directory.resolve("golden.json"), json, UTF_8);
        return failures(GoldenFiles.of(file, codec).tests(SAMPLES));
    }

    /** Runs every test and keeps the failures: display name to message. */
    private static Map<String, String> failures(Stream<DynamicTest> tests) {
        Map<String, String> failures = new TreeMap<>();
        tests.forEach((DynamicTest test) -> {
            try {
                test.getExecutable().execute();
            } catch (Throwable failure) {
                failures.put(test.getDisplayName(), String.valueOf(failure.getMessage()));
            }
        });
        return failures;
    }
}
