package io.clstr.adapters.jackson;

import io.clstr.adapters.jackson.parcel.ParcelCatalog;
import io.clstr.adapters.jackson.parcel.ParcelSamples;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ParcelCatalogGoldenTest {

    @TestFactory
    Stream<DynamicTest> parcel_types_read_and_write_their_golden_json() {
        return GoldenFiles.of(Path.of("src/test/resources/golden/parcel.json"), new JacksonCodec(ParcelCatalog.all()))
                .tests(ParcelSamples.byStoredName());
    }
}
