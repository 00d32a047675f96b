package io.clstr.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.GoldenFiles;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.application.order.OrderReadModelTypes;
import io.clstr.application.order.OrderSummaryDocument;
import io.clstr.domain.order.OrderFixtures;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.out.codec.TypeCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The stored formats of the sample read models, pinned in the golden file
 * {@code src/test/resources/golden/read-model.json}, and their names kept apart from the samples' event names.
 */
class ReadModelCatalogTest {

    static final TypeCatalog CATALOG = OrderReadModelTypes.catalog();

    @Test
    void read_model_names_do_not_clash_with_the_samples_stored_names() {
        assertThat(SampleCatalogTest.CATALOG.merge(CATALOG).types())
                .containsKeys("order.summary.v1", "order.placed.v1");
    }

    @TestFactory
    Stream<DynamicTest> stored_formats_match_their_golden_files() {
        return GoldenFiles.of(Path.of("src/test/resources/golden/read-model.json"), new JacksonCodec(CATALOG))
                .tests(samples());
    }

    static Map<String, Object> samples() {
        OrderSummaryDocument shipped = OrderSummaryDocument.placed(OrderFixtures.ORDER_ID, OrderFixtures.CUSTOMER_ID,
                OrderFixtures.CURRENCY, List.of(OrderFixtures.aLine("line-1"), OrderFixtures.aLine("line-2", 1,
                        OrderFixtures.eur("120.00"))), OrderFixtures.PLACED_AT, 1)
                .withStatus(OrderStatus.CONFIRMED, 2)
                .withStatus(OrderStatus.SHIPPED, 3);
        return Map.of("order.summary.v1", shipped);
    }
}
