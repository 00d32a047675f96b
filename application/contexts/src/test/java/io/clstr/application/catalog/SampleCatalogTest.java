package io.clstr.application.catalog;

import io.clstr.adapters.jackson.GoldenFiles;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.application.counter.CounterContext;
import io.clstr.application.order.OrderContext;
import io.clstr.application.order.OrderSummaryDocument;
import io.clstr.application.order.OrderTypes;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.domain.counter.CounterFixtures;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderFixtures;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.out.codec.TypeCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The samples' golden files, checked against values built in code as well: each entry decodes to its sample, and
 * each sample encodes to its entry. {@code StoredFormatsTest} checks the round trip of every context; this adds
 * what only values can show, such as the reason the upcaster gives an old {@code order.cancelled.v1}.
 */
class SampleCatalogTest {

    @TestFactory
    Stream<DynamicTest> the_order_context_matches_its_golden_file() {
        TypeCatalog catalog = new OrderContext().types();
        Map<String, Object> samples = new LinkedHashMap<>();
        put(samples, catalog, OrderFixtures.oneOfEachEvent());
        put(samples, catalog, OrderFixtures.oneOfEachCommand());
        OrderAggregate orders = new OrderAggregate();
        samples.put("order.state.v1", orders.replay(orders.initialState(OrderFixtures.ORDER_ID),
                OrderFixtures.shippedEvents()));
        samples.put("order.cancelled.v1", new OrderEvent.OrderCancelled(OrderTypes.UNRECORDED_REASON,
                OrderFixtures.CANCELLED_AT));
        samples.put("order.summary.v1", OrderSummaryDocument.placed(OrderFixtures.ORDER_ID, OrderFixtures.CUSTOMER_ID,
                        OrderFixtures.CURRENCY, List.of(OrderFixtures.aLine("line-1"), OrderFixtures.aLine("line-2", 1,
                                OrderFixtures.eur("120.00"))), OrderFixtures.PLACED_AT, 1)
                .withStatus(OrderStatus.CONFIRMED, 2)
                .withStatus(OrderStatus.SHIPPED, 3));
        return GoldenFiles.of(Path.of("src/test/resources/golden/order.json"), new JacksonCodec(catalog))
                .tests(samples);
    }

    @TestFactory
    Stream<DynamicTest> the_counter_context_matches_its_golden_file() {
        TypeCatalog catalog = new CounterContext().types();
        Map<String, Object> samples = new LinkedHashMap<>();
        put(samples, catalog, CounterFixtures.oneOfEachEvent());
        put(samples, catalog, CounterFixtures.oneOfEachCommand());
        CounterAggregate counters = new CounterAggregate();
        samples.put("counter.state.v1", counters.replay(counters.initialState(CounterFixtures.COUNTER_ID),
                CounterFixtures.oneOfEachEvent()));
        return GoldenFiles.of(Path.of("src/test/resources/golden/counter.json"), new JacksonCodec(catalog))
                .tests(samples);
    }

    private static void put(Map<String, Object> samples, TypeCatalog catalog, List<?> values) {
        for (Object value : values) {
            samples.put(catalog.nameOf(value.getClass()).orElseThrow(), value);
        }
    }
}
