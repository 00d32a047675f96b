package io.clstr.application.order;

import static io.clstr.domain.order.OrderFixtures.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.application.eventsourcing.ControllableEventStore;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderRejections;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.metrics.ActorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order entity's answers while an append is in flight (group commit). */
class OrderEntityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String ORDER = "o-1";

    private final ActorSystem actors = ActorSystem.create("orders");
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final BackgroundTasks background = new BackgroundTasks("orders", blocking, 1, 100, ActorMetrics.NOOP);
    private final ControllableEventStore store = new ControllableEventStore(new InMemoryEventStore());
    private final EntityRuntime<OrderCommand, OrderEvent, Order> orders = EntityRuntime.builder(new OrderAggregate())
            .eventStore(store)
            .codec(new JacksonCodec(OrderTypes.catalog()))
            .actors(actors)
            .background(background)
            .build();

    @BeforeEach
    void placeTheOrder() {
        assertThat(execute(new OrderCommand.PlaceOrder("c-1", "EUR", List.of(aLine("l-1")), NOW),
                "place").join()).isInstanceOf(CommandResult.Accepted.class);
    }

    @AfterEach
    void close() {
        orders.close();
        background.close();
        blocking.shutdownNow();
        actors.close();
    }

    private CompletableFuture<CommandResult<Order>> execute(OrderCommand command, String commandId) {
        return orders.execute(CommandRequest.of(ORDER, command, commandId), TIMEOUT).toCompletableFuture();
    }

    /** Returns once every message sent to the order before it has been handled. */
    private void handledSoFar() {
        orders.state(ORDER, TIMEOUT).toCompletableFuture().join();
    }

    @Test
    void commands_refused_because_of_a_cancel_whose_append_then_fails_are_decided_again_and_accepted() {
        store.hold();
        CompletableFuture<CommandResult<Order>> cancel =
                execute(new OrderCommand.CancelOrder("changed mind", NOW), "cancel");
        await().atMost(TIMEOUT).until(() -> store.heldCount() == 1);
        CompletableFuture<CommandResult<Order>> addLine = execute(new OrderCommand.AddLine(aLine("l-2")), "add-line");
        CompletableFuture<CommandResult<Order>> confirm = execute(new OrderCommand.ConfirmOrder(NOW), "confirm");
        handledSoFar();

        assertThat(addLine).as("refused against the pending cancel: not answered yet").isNotDone();
        assertThat(confirm).isNotDone();

        store.failHeld(new EventStoreException("the store went away"));

        assertThat(cancel).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(EventStoreException.class);
        assertThat(addLine.join()).isInstanceOfSatisfying(CommandResult.Accepted.class,
                accepted -> assertThat(((Order) accepted.state()).lines()).hasSize(2));
        assertThat(confirm.join()).isInstanceOfSatisfying(CommandResult.Accepted.class,
                accepted -> assertThat(((Order) accepted.state()).status()).isEqualTo(OrderStatus.CONFIRMED));
        assertThat(execute(new OrderCommand.AddLine(aLine("l-2")), "add-line").join())
                .as("a retry replays the accepted answer, not a rejection that never held")
                .isInstanceOfSatisfying(CommandResult.Accepted.class, accepted -> assertThat(accepted.repeated()).isTrue());
    }

    @Test
    void a_refusal_against_a_pending_cancel_is_answered_once_the_cancel_is_stored() {
        store.hold();
        CompletableFuture<CommandResult<Order>> cancel =
                execute(new OrderCommand.CancelOrder("changed mind", NOW), "cancel");
        await().atMost(TIMEOUT).until(() -> store.heldCount() == 1);
        CompletableFuture<CommandResult<Order>> confirm = execute(new OrderCommand.ConfirmOrder(NOW), "confirm");
        handledSoFar();
        assertThat(confirm).isNotDone();

        store.release();

        assertThat(cancel.join()).isInstanceOf(CommandResult.Accepted.class);
        assertThat(confirm.join()).isInstanceOfSatisfying(CommandResult.Rejected.class, rejected ->
                assertThat(rejected.rejection().code()).isEqualTo(OrderRejections.ORDER_CANCELLED));
        assertThat(execute(new OrderCommand.ConfirmOrder(NOW), "confirm").join())
                .isInstanceOfSatisfying(CommandResult.Rejected.class, rejected -> assertThat(rejected.repeated()).isTrue());
    }

    @Test
    void a_refusal_with_no_append_in_flight_is_answered_at_once() {
        CompletableFuture<CommandResult<Order>> ship = execute(new OrderCommand.ShipOrder("TRACK-1", NOW), "ship");

        assertThat(ship.join()).isInstanceOfSatisfying(CommandResult.Rejected.class, rejected ->
                assertThat(rejected.rejection().code()).isEqualTo(OrderRejections.ORDER_NOT_CONFIRMED));
        assertThat(store.appends()).isEqualTo(1);
    }
}
