package io.clstr.application.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.AskTimeoutException;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.RequestContext;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.in.request.VersionNotFoundException;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final ActorSystem actors = ActorSystem.create("orders");
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final BackgroundTasks background = new BackgroundTasks("orders", blocking, 1, 100, ActorMetrics.NOOP);
    private final InMemoryEventStore store = new InMemoryEventStore();
    private final EntityRuntime<OrderCommand, OrderEvent, Order> runtime = EntityRuntime.builder(new OrderAggregate())
            .eventStore(store)
            .codec(new JacksonCodec(OrderTypes.catalog()))
            .actors(actors)
            .background(background)
            .build();
    private final OrderService orders = new OrderService(runtime, runtime.history(), Clock.fixed(NOW, ZoneOffset.UTC),
            TIMEOUT);

    @AfterEach
    void close() {
        runtime.close();
        background.close();
        blocking.shutdownNow();
        actors.close();
    }

    private static RequestContext request(String commandId) {
        return RequestContext.of(commandId, TIMEOUT);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private OrderView place(String commandId) {
        CommandOutcome<OrderView> outcome = join(orders.placeOrder("c-1", "EUR",
                List.of(new NewOrderLine(null, "SKU-1", 2, new BigDecimal("9.99"))), request(commandId)));
        return ((CommandOutcome.Accepted<OrderView>) outcome).view();
    }

    @Test
    void placing_an_order_returns_its_view_with_an_exact_total() {
        OrderView order = place("cmd-1");

        assertThat(order.status()).isEqualTo("PLACED");
        assertThat(order.total()).isEqualByComparingTo("19.98");
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.placedAt()).isEqualTo(NOW);
        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.lineId()).isEqualTo("line-1");
            assertThat(line.lineTotal()).isEqualByComparingTo("19.98");
        });
    }

    @Test
    void a_retried_place_request_returns_the_same_order_instead_of_a_second_one() {
        OrderView first = place("same-key");
        CommandOutcome<OrderView> retry = join(orders.placeOrder("c-1", "EUR",
                List.of(new NewOrderLine(null, "SKU-1", 2, new BigDecimal("9.99"))), request("same-key")));

        assertThat(retry).isInstanceOfSatisfying(CommandOutcome.Accepted.class, accepted -> {
            assertThat(accepted.repeated()).isTrue();
            assertThat(((OrderView) accepted.view()).orderId()).isEqualTo(first.orderId());
        });
    }

    @Test
    void a_key_reused_for_a_different_request_is_refused_and_the_first_order_stays_as_it_was() {
        OrderView first = place("same-key");

        assertThatThrownBy(() -> join(orders.placeOrder("c-2", "EUR",
                List.of(new NewOrderLine(null, "SKU-9", 1, new BigDecimal("1.00"))), request("same-key"))))
                .hasCauseInstanceOf(CommandIdReusedException.class);
        join(orders.confirmOrder(first.orderId(), request("other-key")));
        assertThatThrownBy(() -> join(orders.cancelOrder(first.orderId(), "changed mind", request("other-key"))))
                .as("another operation on the same order with the same key")
                .hasCauseInstanceOf(CommandIdReusedException.class);
        assertThat(join(orders.getOrder(first.orderId()))).hasValueSatisfying(order -> {
            assertThat(order.customerId()).isEqualTo("c-1");
            assertThat(order.status()).isEqualTo("CONFIRMED");
        });
    }

    @Test
    void the_lifecycle_confirm_ship_and_time_travel() {
        OrderView placed = place("cmd-1");
        String id = placed.orderId();
        CommandOutcome<OrderView> added = join(orders.addLine(id,
                new NewOrderLine(null, "SKU-2", 1, new BigDecimal("5.00")), request("cmd-2")));
        assertThat(added).isInstanceOfSatisfying(CommandOutcome.Accepted.class,
                a -> assertThat(((OrderView) a.view()).total()).isEqualByComparingTo("24.98"));

        join(orders.confirmOrder(id, request("cmd-3")));
        CommandOutcome<OrderView> shipped = join(orders.shipOrder(id, "TRACK-1", request("cmd-4")));

        assertThat(shipped).isInstanceOfSatisfying(CommandOutcome.Accepted.class,
                a -> assertThat(((OrderView) a.view()).status()).isEqualTo("SHIPPED"));
        assertThat(join(orders.getOrder(id))).hasValueSatisfying(view -> assertThat(view.version()).isEqualTo(4));
        assertThat(join(orders.getOrderAtVersion(id, 1))).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo("PLACED");
            assertThat(view.total()).isEqualByComparingTo("19.98");
        });
        assertThat(join(orders.orderHistory(id))).hasValueSatisfying(entries -> assertThat(entries)
                .extracting(entry -> entry.type())
                .containsExactly("order.placed.v1", "order.line-added.v1", "order.confirmed.v1", "order.shipped.v1"));
    }

    @Test
    void business_rules_and_missing_orders_are_outcomes_not_errors() {
        OrderView placed = place("cmd-1");

        assertThat(join(orders.shipOrder(placed.orderId(), "T", request("cmd-2"))))
                .isInstanceOfSatisfying(CommandOutcome.Rejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo("ORDER_NOT_CONFIRMED"));
        assertThat(join(orders.confirmOrder("missing", request("cmd-4")))).isInstanceOf(CommandOutcome.NotFound.class);
        assertThat(join(orders.addLine("missing", new NewOrderLine(null, "S", 1, BigDecimal.ONE), request("cmd-5"))))
                .isInstanceOf(CommandOutcome.NotFound.class);
        assertThat(join(orders.getOrder("missing"))).isEmpty();
        assertThat(join(orders.orderHistory("missing"))).isEmpty();
    }

    @Test
    void a_stale_expected_version_is_a_version_mismatch() {
        OrderView placed = place("cmd-1");

        assertThat(join(orders.confirmOrder(placed.orderId(), request("cmd-2").expectingVersion(7))))
                .isEqualTo(new CommandOutcome.VersionMismatch<>(7, 1));
    }

    @Test
    void a_price_the_currency_cannot_hold_is_invalid_input_naming_the_price() {
        assertThatThrownBy(() -> join(orders.placeOrder("c-1", "EUR",
                List.of(new NewOrderLine(null, "SKU-1", 1, new BigDecimal("1")),
                        new NewOrderLine(null, "SKU-1", 1, new BigDecimal("9.999"))), request("cmd-1"))))
                .hasCauseInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("lines[1].unitPrice must have at most 2 decimal places in EUR");
    }

    @Test
    void an_added_line_is_priced_in_the_order_s_currency_which_only_the_order_knows() {
        CommandOutcome<OrderView> placed = join(orders.placeOrder("c-1", "JPY",
                List.of(new NewOrderLine(null, "SKU-1", 1, new BigDecimal("500"))), request("cmd-1")));
        String id = ((CommandOutcome.Accepted<OrderView>) placed).view().orderId();

        assertThatThrownBy(() -> join(orders.addLine(id, new NewOrderLine(null, "SKU-2", 1, new BigDecimal("9.99")),
                request("cmd-2"))))
                .hasCauseInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("unitPrice must have at most 0 decimal places in JPY");
        assertThat(join(orders.addLine(id, new NewOrderLine(null, "SKU-2", 1, new BigDecimal("9.00")),
                request("cmd-3")))).isInstanceOf(CommandOutcome.Accepted.class);
    }

    @Test
    void lines_without_an_id_are_numbered_by_one_rule_when_placed_and_when_added() {
        String id = place("cmd-1").orderId();

        CommandOutcome<OrderView> added = join(orders.addLine(id,
                new NewOrderLine(null, "SKU-2", 1, new BigDecimal("5.00")), request("cmd-2")));

        assertThat(added).isInstanceOfSatisfying(CommandOutcome.Accepted.class, accepted -> assertThat(
                ((OrderView) accepted.view()).lines()).extracting(OrderView.OrderLineView::lineId)
                .containsExactly("line-1", "line-2"));
    }

    @Test
    void a_version_or_instant_the_order_does_not_have_is_told_apart_from_a_missing_order() {
        String id = place("cmd-1").orderId();

        assertThatThrownBy(() -> join(orders.getOrderAtVersion(id, 9)))
                .hasCauseInstanceOf(VersionNotFoundException.class)
                .hasMessageEndingWith("There is no version 9: the latest version is 1.");
        assertThatThrownBy(() -> join(orders.getOrderAsOf(id, Instant.EPOCH)))
                .hasCauseInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("There was no version yet at 1970-01-01T00:00:00Z");
        assertThat(join(orders.getOrderAtVersion("missing", 9))).isEmpty();
        assertThat(join(orders.getOrderAsOf("missing", Instant.EPOCH))).isEmpty();
    }

    @Test
    void infrastructure_failures_become_service_unavailable() {
        CommandGateway<OrderCommand, Order> timingOut = new CommandGateway<>() {
            @Override
            public CompletionStage<CommandResult<Order>> execute(CommandRequest<OrderCommand> request, Duration timeout) {
                return CompletableFuture.failedFuture(new AskTimeoutException("entity", "Execute", timeout));
            }

            @Override
            public CompletionStage<Versioned<Order>> state(String entityId, Duration timeout) {
                return CompletableFuture.failedFuture(new AskTimeoutException("entity", "Execute", timeout));
            }
        };
        OrderService unavailable = new OrderService(timingOut, runtime.history(), Clock.systemUTC(), TIMEOUT);

        assertThatThrownBy(() -> join(unavailable.confirmOrder("o-1", request("cmd-1"))))
                .hasCauseInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> join(unavailable.getOrder("o-1"))).hasCauseInstanceOf(ServiceUnavailableException.class);
    }
}
