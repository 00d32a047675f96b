package io.clstr.application.order;

import static io.clstr.application.order.OrderProjectionTest.commit;
import static io.clstr.domain.order.OrderFixtures.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderEvent.OrderCancelled;
import io.clstr.domain.order.OrderEvent.OrderConfirmed;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.order.ListOrdersQuery.OrderFilter;
import io.clstr.ports.in.order.ListOrdersQuery.OrderSummary;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.Page;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderListServiceTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    private final Codec codec = new JacksonCodec(OrderTypes.catalog().merge(OrderReadModelTypes.catalog()));
    private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    private final OrderProjection projection = new OrderProjection(kv, codec);
    private final OrderListService orders = new OrderListService(kv, codec);
    private long position;

    @AfterEach
    void close() {
        orders.close();
    }

    /** Waits until the listing shows every document the read model stores: it follows them through a watch. */
    private void settled() {
        List<OrderSummary> stored = kv.keys("orders/").stream()
                .map(key -> projection.get(key.substring("orders/".length())).orElseThrow().toSummary())
                .toList();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(walk(OrderFilter.any(), ListOrdersQuery.MAX_PAGE_SIZE))
                        .containsExactlyInAnyOrderElementsOf(stored));
    }

    /** Places an order and takes it to {@code status} through the projection. */
    private void order(String id, String customer, Instant placedAt, String status) {
        projection.apply(commit(id, ++position, 1,
                new OrderPlaced(customer, "EUR", List.of(aLine("l-1")), placedAt)));
        OrderEvent next = switch (status) {
            case "PLACED" -> null;
            case "CONFIRMED", "SHIPPED" -> new OrderConfirmed(placedAt);
            case "CANCELLED" -> new OrderCancelled("changed mind", placedAt);
            default -> throw new IllegalArgumentException(status);
        };
        if (next != null) {
            projection.apply(commit(id, ++position, 2, next));
        }
        if (status.equals("SHIPPED")) {
            projection.apply(commit(id, ++position, 3, new OrderShipped("TRACK", placedAt)));
        }
    }

    private static OrderFilter filter(String status, String customer) {
        return new OrderFilter(Optional.ofNullable(status), Optional.ofNullable(customer));
    }

    private static List<String> ids(Page<OrderSummary> page) {
        return page.items().stream().map(OrderSummary::orderId).toList();
    }

    /** Every page, following the cursors. */
    private List<OrderSummary> walk(OrderFilter filter, int pageSize) {
        List<OrderSummary> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<OrderSummary> page = orders.listOrders(filter, pageSize, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            if (page.nextCursor() != null) {
                assertThat(page.items()).hasSize(pageSize);
            }
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void lists_the_newest_orders_first_and_breaks_ties_by_descending_id() {
        order("o-1", "cust-1", T0, "PLACED");
        order("o-3", "cust-1", T0.plusSeconds(60), "PLACED");
        order("o-2", "cust-2", T0.plusSeconds(60), "CONFIRMED");
        order("o-4", "cust-2", T0.minusSeconds(60), "PLACED");
        settled();

        Page<OrderSummary> page = orders.listOrders(OrderFilter.any(), 10, null);

        assertThat(ids(page)).containsExactly("o-3", "o-2", "o-1", "o-4");
        assertThat(page.nextCursor()).isNull();
        assertThat(page.items().get(1)).isEqualTo(new OrderSummary("o-2", "cust-2", "CONFIRMED", "EUR",
                new BigDecimal("19.98"), 1, 2, T0.plusSeconds(60)));
    }

    @Test
    void filters_by_status_and_by_customer() {
        order("o-1", "cust-1", T0, "PLACED");
        order("o-2", "cust-1", T0.plusSeconds(1), "SHIPPED");
        order("o-3", "cust-2", T0.plusSeconds(2), "SHIPPED");
        order("o-4", "cust-2", T0.plusSeconds(3), "CANCELLED");
        settled();

        assertThat(ids(orders.listOrders(filter("SHIPPED", null), 10, null))).containsExactly("o-3", "o-2");
        assertThat(ids(orders.listOrders(filter("shipped", "cust-1"), 10, null))).containsExactly("o-2");
        assertThat(ids(orders.listOrders(filter(null, "cust-2"), 10, null))).containsExactly("o-4", "o-3");
        assertThat(ids(orders.listOrders(filter("CONFIRMED", null), 10, null))).isEmpty();
        assertThat(ids(orders.listOrders(filter(null, "nobody"), 10, null))).isEmpty();
    }

    @Test
    void an_empty_read_model_lists_nothing() {
        settled();

        Page<OrderSummary> page = orders.listOrders(OrderFilter.any(), 5, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void the_cursor_walks_every_matching_order_exactly_once_in_order() {
        Random random = new Random(20240301);
        List<String> statuses = List.of("PLACED", "CONFIRMED", "CANCELLED", "SHIPPED");
        for (int i = 0; i < 137; i++) {
            // Few distinct instants, so ties on placedAt are common and the id decides.
            order("order-" + random.nextInt(1_000_000) + "-" + i, "cust-" + random.nextInt(4),
                    T0.plusSeconds(random.nextInt(20)), statuses.get(random.nextInt(4)));
        }
        Comparator<OrderSummary> newestFirst = Comparator.comparing(OrderSummary::placedAt)
                .thenComparing(OrderSummary::orderId).reversed();
        settled();

        for (int round = 0; round < 30; round++) {
            String status = random.nextBoolean() ? statuses.get(random.nextInt(4)) : null;
            String customer = random.nextBoolean() ? "cust-" + random.nextInt(5) : null;
            int pageSize = 1 + random.nextInt(25);
            List<OrderSummary> expected = orders.listOrders(OrderFilter.any(), ListOrdersQuery.MAX_PAGE_SIZE, null)
                    .items().stream()
                    .filter(order -> status == null || order.status().equals(status))
                    .filter(order -> customer == null || order.customerId().equals(customer))
                    .sorted(newestFirst)
                    .toList();

            assertThat(walk(filter(status, customer), pageSize))
                    .as("status %s, customer %s, page size %d", status, customer, pageSize)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(walk(OrderFilter.any(), 7)).hasSize(137);
    }

    @Test
    void a_full_last_page_has_no_cursor_to_an_empty_page() {
        for (int i = 0; i < 6; i++) {
            order("o-" + i, "cust-1", T0.plusSeconds(i), "PLACED");
        }
        settled();

        Page<OrderSummary> first = orders.listOrders(OrderFilter.any(), 3, null);
        Page<OrderSummary> second = orders.listOrders(OrderFilter.any(), 3, first.nextCursor());

        assertThat(ids(first)).containsExactly("o-5", "o-4", "o-3");
        assertThat(ids(second)).containsExactly("o-2", "o-1", "o-0");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void orders_placed_while_a_client_pages_do_not_shift_its_pages() {
        for (int i = 0; i < 6; i++) {
            order("o-" + i, "cust-1", T0.plusSeconds(i), "PLACED");
        }
        settled();
        Page<OrderSummary> first = orders.listOrders(OrderFilter.any(), 2, null);

        order("o-new", "cust-1", T0.plusSeconds(100), "PLACED");
        settled();
        Page<OrderSummary> second = orders.listOrders(OrderFilter.any(), 2, first.nextCursor());

        assertThat(ids(first)).containsExactly("o-5", "o-4");
        assertThat(ids(second)).containsExactly("o-3", "o-2");
    }

    @Test
    void refuses_bad_arguments_with_messages_that_say_what_is_wrong() {
        order("o-1", "cust-1", T0, "PLACED");
        settled();

        assertThatThrownBy(() -> orders.listOrders(OrderFilter.any(), 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("page size must be between 1 and 200, got 0");
        assertThatThrownBy(() -> orders.listOrders(OrderFilter.any(), ListOrdersQuery.MAX_PAGE_SIZE + 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 201");
        assertThatThrownBy(() -> orders.listOrders(filter("NEW", null), 10, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown order status 'NEW'; expected one of PLACED, CONFIRMED, CANCELLED, SHIPPED");
        assertThatThrownBy(() -> orders.listOrders(filter("bogus", null), 10, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bogus'");
        assertThatThrownBy(() -> orders.listOrders(filter(null, " "), 10, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("customer id filter must not be blank");
        String forged = Base64.getUrlEncoder().encodeToString("v2\n1\n0\no-1".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("", "not base64!", "AAAA", forged)) {
            assertThatThrownBy(() -> orders.listOrders(OrderFilter.any(), 10, cursor))
                    .as("cursor '%s'", cursor)
                    .isInstanceOfSatisfying(InvalidInputException.class, refused -> {
                        assertThat(refused.input()).isEqualTo("cursor");
                        assertThat(refused.problem()).startsWith("must be the nextCursor of the previous page");
                    });
        }
    }

    @Test
    void a_listing_reads_nothing_from_the_store() {
        AtomicInteger reads = new AtomicInteger();
        KeyValueStore counted = (KeyValueStore) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("get") || method.getName().equals("keys")) {
                        reads.incrementAndGet();
                    }
                    return method.invoke(kv, arguments);
                });
        for (int i = 0; i < 50; i++) {
            order("o-" + i, "cust-" + (i % 3), T0.plusSeconds(i), "PLACED");
        }
        try (OrderListService listing = new OrderListService(counted, codec)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(listing.listOrders(OrderFilter.any(), ListOrdersQuery.MAX_PAGE_SIZE, null).items())
                            .hasSize(50));

            for (int i = 0; i < 100; i++) {
                listing.listOrders(filter(null, "cust-" + (i % 3)), 5, null);
            }

            assertThat(reads).hasValue(0);
        }
    }

    @Test
    void until_the_orders_have_loaded_a_listing_is_unavailable_and_arguments_are_still_checked() {
        KeyValueStore neverLoads = (KeyValueStore) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("watch")) {
                        KeyValueWatch silent = () -> { };
                        return silent;
                    }
                    return method.invoke(kv, arguments);
                });
        try (OrderListService loading = new OrderListService(neverLoads, codec)) {
            assertThatThrownBy(() -> loading.listOrders(OrderFilter.any(), 10, null))
                    .isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> loading.listOrders(filter("bogus", null), 10, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
