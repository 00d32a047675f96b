package io.clstr.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.GoldenFiles;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.application.counter.CounterTypes;
import io.clstr.application.order.OrderTypes;
import io.clstr.domain.counter.Counter;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.domain.counter.CounterCommand;
import io.clstr.domain.counter.CounterEvent;
import io.clstr.domain.counter.CounterFixtures;
import io.clstr.domain.kernel.testing.SealedFamilies;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderFixtures;
import io.clstr.ports.out.codec.TypeCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The samples' stored formats: every command, event and state type is registered under a stored
 * name, and each name's JSON is pinned in the golden file {@code src/test/resources/golden/samples.json}.
 */
class SampleCatalogTest {

    static final TypeCatalog CATALOG = OrderTypes.catalog().merge(CounterTypes.catalog());

    @Test
    void every_command_event_and_state_type_is_registered() {
        for (Class<?> family : List.of(OrderCommand.class, OrderEvent.class, CounterCommand.class, CounterEvent.class)) {
            for (Class<?> member : SealedFamilies.leavesOf(family)) {
                assertThat(CATALOG.nameOf(member)).as("stored name of %s", member.getName()).isPresent();
            }
        }
        assertThat(CATALOG.nameOf(Order.class)).isPresent();
        assertThat(CATALOG.nameOf(Counter.class)).isPresent();
    }

    @TestFactory
    Stream<DynamicTest> stored_formats_match_their_golden_files() {
        return GoldenFiles.of(Path.of("src/test/resources/golden/samples.json"), new JacksonCodec(CATALOG))
                .tests(samples());
    }

    static Map<String, Object> samples() {
        Map<String, Object> samples = new LinkedHashMap<>();
        for (Object sample : List.of(OrderFixtures.oneOfEachEvent(), OrderFixtures.oneOfEachCommand(),
                CounterFixtures.oneOfEachEvent(), CounterFixtures.oneOfEachCommand())) {
            for (Object value : (List<?>) sample) {
                samples.put(CATALOG.nameOf(value.getClass()).orElseThrow(), value);
            }
        }
        OrderAggregate orders = new OrderAggregate();
        samples.put("order.state.v1", orders.replay(orders.initialState(OrderFixtures.ORDER_ID),
                OrderFixtures.shippedEvents()));
        CounterAggregate counters = new CounterAggregate();
        samples.put("counter.state.v1", counters.replay(counters.initialState(CounterFixtures.COUNTER_ID),
                CounterFixtures.oneOfEachEvent()));
        samples.put("order.cancelled.v1", new OrderEvent.OrderCancelled(OrderTypes.UNRECORDED_REASON,
                OrderFixtures.CANCELLED_AT));
        return samples;
    }
}
