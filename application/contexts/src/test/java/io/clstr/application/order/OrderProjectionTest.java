package io.clstr.application.order;

import static io.clstr.domain.order.OrderFixtures.aLine;
import static io.clstr.domain.order.OrderFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.ProjectionCommit;
import io.clstr.application.eventsourcing.ProjectionRunner;
import io.clstr.application.eventsourcing.ProjectionState;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderEvent.OrderConfirmed;
import io.clstr.domain.order.OrderEvent.OrderLineAdded;
import io.clstr.domain.order.OrderEvent.OrderLineQuantityChanged;
import io.clstr.domain.order.OrderEvent.OrderLineRemoved;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import io.clstr.domain.order.OrderLine;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.in.order.ListOrdersQuery.OrderSummary;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class OrderProjectionTest {

    private static final Instant PLACED_AT = Instant.parse("2024-03-01T09:00:00Z");

    private final Codec codec = new JacksonCodec(OrderTypes.catalog().merge(OrderReadModelTypes.catalog()));
    private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    private final OrderProjection projection = new OrderProjection(kv, codec);

    /** A commit of these order events, the first at {@code firstVersion}. */
    static ProjectionCommit commit(String orderId, long position, long firstVersion, OrderEvent... events) {
        StreamId stream = new StreamId(OrderAggregate.TYPE, orderId);
        List<EventEnvelope<?>> envelopes = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            envelopes.add(new EventEnvelope<>(stream, firstVersion + i, position, "order.event", Instant.EPOCH,
                    Map.of(), events[i]));
        }
        return new ProjectionCommit(stream, position, envelopes, false);
    }

    @Test
    void keeps_status_total_and_lines_of_each_order_up_to_date() {
        projection.apply(commit("o-1", 1, 1, new OrderPlaced("cust-1", "EUR",
                List.of(aLine("l-1", 2, eur("9.99")), aLine("l-2", 1, eur("120.00"))), PLACED_AT)));
        assertThat(projection.get("o-1")).contains(OrderSummaryDocument.placed("o-1", "cust-1", "EUR",
                List.of(aLine("l-1", 2, eur("9.99")), aLine("l-2", 1, eur("120.00"))), PLACED_AT, 1));
        assertThat(projection.get("o-1").orElseThrow().total()).isEqualTo(new BigDecimal("139.98"));

        projection.apply(commit("o-1", 2, 2, new OrderLineAdded(aLine("l-3", 4, eur("0.05"))),
                new OrderLineQuantityChanged("l-1", 3)));
        projection.apply(commit("o-1", 3, 4, new OrderLineRemoved("l-2"), new OrderConfirmed(PLACED_AT)));
        projection.apply(commit("o-1", 4, 6, new OrderShipped("TRACK-1", PLACED_AT)));

        OrderSummaryDocument shipped = projection.get("o-1").orElseThrow();
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.total()).isEqualTo(new BigDecimal("30.17"));
        assertThat(shipped.lineCount()).isEqualTo(2);
        assertThat(shipped.version()).isEqualTo(6);
        assertThat(shipped.toSummary()).isEqualTo(new OrderSummary("o-1",
                "cust-1", "SHIPPED", "EUR", new BigDecimal("30.17"), 2, 6, PLACED_AT));
    }

    @Test
    void replaying_events_already_applied_changes_nothing() {
        projection.apply(commit("o-1", 1, 1, new OrderPlaced("cust-1", "EUR", List.of(aLine("l-1")), PLACED_AT)));
        projection.apply(commit("o-1", 2, 2, new OrderLineAdded(aLine("l-2"))));
        OrderSummaryDocument before = projection.get("o-1").orElseThrow();

        projection.apply(commit("o-1", 2, 2, new OrderLineAdded(aLine("l-2"))));
        projection.apply(commit("o-1", 1, 1, new OrderPlaced("cust-1", "EUR", List.of(aLine("l-1")), PLACED_AT)));

        assertThat(projection.get("o-1")).contains(before);
        assertThat(before.lineCount()).isEqualTo(2);
    }

    @Test
    void an_event_of_an_order_never_placed_is_refused() {
        assertThatThrownBy(() -> projection.apply(commit("o-1", 1, 1, new OrderConfirmed(PLACED_AT))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("o-1", "never placed");
        assertThat(projection.get("o-1")).isEmpty();
    }

    @Test
    void reset_empties_the_read_model() {
        projection.apply(commit("o-1", 1, 1, new OrderPlaced("cust-1", "EUR", List.of(aLine("l-1")), PLACED_AT)));

        projection.reset();

        assertThat(projection.get("o-1")).isEmpty();
        assertThat(kv.keys("orders/")).isEmpty();
    }

    @Test
    void a_document_whose_total_disagrees_with_its_lines_cannot_exist() {
        List<OrderLine> lines = List.of(aLine("l-1", 2, eur("9.99")));
        assertThatThrownBy(() -> new OrderSummaryDocument("o-1", "c", OrderStatus.PLACED, "EUR", new BigDecimal("1"),
                1, 1, PLACED_AT, lines)).hasMessageContaining("total");
        assertThatThrownBy(() -> new OrderSummaryDocument("o-1", "c", OrderStatus.PLACED, "EUR",
                new BigDecimal("19.98"), 2, 1, PLACED_AT, lines)).hasMessageContaining("lineCount");
        assertThatThrownBy(() -> new OrderSummaryDocument("o-1", "c", OrderStatus.NEW, "EUR",
                new BigDecimal("19.98"), 1, 1, PLACED_AT, lines)).hasMessageContaining("NEW");
    }

    @Test
    void agrees_with_the_aggregate_on_random_order_histories_run_through_the_entity_runtime() throws Exception {
        InMemoryEventStore store = new InMemoryEventStore();
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        try (ActorSystem actors = ActorSystem.create("orders")) {
            BackgroundTasks background = new BackgroundTasks("orders", blocking, 2, 1000, ActorMetrics.NOOP);
            EntityRuntime<OrderCommand, OrderEvent, Order> orders = EntityRuntime.builder(new OrderAggregate())
                    .eventStore(store).codec(codec).actors(actors).background(background)
                    .settings(EntitySettings.defaults().withSnapshotEvery(0)).build();
            ProjectionRunner runner = ProjectionRunner.builder(projection).eventStore(store).codec(codec)
                    .checkpoints(kv).scheduler(actors.scheduler()).background(background).build();
            runner.start();

            Random random = new Random(7);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add("order-" + i);
            }
            for (int step = 0; step < 400; step++) {
                String id = ids.get(random.nextInt(ids.size()));
                orders.execute(CommandRequest.of(id, randomCommand(random, step), "cmd-" + step),
                        Duration.ofSeconds(10)).toCompletableFuture().join();
            }

            for (String id : ids) {
                Versioned<Order> state = orders.state(id, Duration.ofSeconds(10)).toCompletableFuture().join();
                if (!state.state().isPlaced()) {
                    assertThat(projection.get(id)).isEmpty();
                    continue;
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> projection.get(id).map(doc -> doc.version() == state.version()).orElse(false));
                Order order = state.state();
                OrderSummaryDocument document = projection.get(id).orElseThrow();
                assertThat(document).isEqualTo(new OrderSummaryDocument(id, order.customerId(), order.status(),
                        order.currency(), order.total().amount(), order.lines().size(), state.version(),
                        order.placedAt(), order.lines()));
            }
            assertThat(runner.status().state()).isEqualTo(ProjectionState.LIVE);
            runner.stop();
            orders.close();
            background.close();
        } finally {
            blocking.shutdownNow();
        }
    }

    /** Any order command, valid or not: the aggregate decides, the read model must follow what it accepted. */
    private static OrderCommand randomCommand(Random random, int step) {
        String lineId = "l-" + random.nextInt(4);
        Instant at = PLACED_AT.plusSeconds(step);
        switch (random.nextInt(7)) {
            case 0:
                return new OrderCommand.PlaceOrder("cust-" + random.nextInt(3), "EUR",
                        List.of(aLine(lineId, 1 + random.nextInt(5), eur(random.nextInt(5000) / 100 + ".99"))), at);
            case 1:
                return new OrderCommand.AddLine(aLine(lineId, 1 + random.nextInt(5), eur("3.10")));
            case 2:
                return new OrderCommand.RemoveLine(lineId);
            case 3:
                return new OrderCommand.ChangeQuantity(lineId, 1 + random.nextInt(9));
            case 4:
                return new OrderCommand.ConfirmOrder(at);
            case 5:
                return new OrderCommand.CancelOrder("changed mind", at);
            default:
                return new OrderCommand.ShipOrder("TRACK-" + step, at);
        }
    }
}
