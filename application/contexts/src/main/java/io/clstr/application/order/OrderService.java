package io.clstr.application.order;

import io.clstr.application.eventsourcing.AggregateHistory;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandDispatch;
import io.clstr.application.eventsourcing.CommandOutcomes;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.application.eventsourcing.Versioned;
import io.clstr.domain.order.Money;
import io.clstr.domain.order.Order;
import io.clstr.domain.order.OrderCommand;
import io.clstr.domain.order.OrderEvent;
import io.clstr.domain.order.OrderLine;
import io.clstr.ports.in.order.CancelOrderUseCase;
import io.clstr.ports.in.order.ChangeOrderLinesUseCase;
import io.clstr.ports.in.order.ConfirmOrderUseCase;
import io.clstr.ports.in.order.GetOrderQuery;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.OrderHistoryQuery;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import io.clstr.ports.in.order.ShipOrderUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.InvalidInputException;
import io.clstr.ports.in.request.RequestContext;
import io.clstr.ports.out.eventstore.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The order use cases: turns requests into domain commands (stamping time from the clock), sends
 * them to the order's entity wherever it lives, and maps the outcome into views.
 *
 * <p>Ids the service makes are derived from the command id, so a retried request (same command id)
 * builds the same command for the same order and the entity's command window recognises it: a
 * retried "place order" never creates a second order. Each command carries the fingerprint of what
 * the client asked, so the same command id sent with a different request is refused
 * ({@link io.clstr.ports.in.request.CommandIdReusedException}) rather than answered with another
 * request's order.
 */
public final class OrderService implements PlaceOrderUseCase, ChangeOrderLinesUseCase, ConfirmOrderUseCase,
        CancelOrderUseCase, ShipOrderUseCase, GetOrderQuery, OrderHistoryQuery {

    private final CommandGateway<OrderCommand, Order> orders;
    private final CommandDispatch<OrderCommand, Order, OrderView> dispatch;
    private final AggregateHistory<OrderCommand, OrderEvent, Order> history;
    private final Clock clock;
    private final Duration readTimeout;

    public OrderService(CommandGateway<OrderCommand, Order> orders, AggregateHistory<OrderCommand, OrderEvent, Order> history,
            Clock clock, Duration readTimeout) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.dispatch = new CommandDispatch<>(orders, (order, version) -> OrderViews.of(new Versioned<>(order, version)));
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> placeOrder(String customerId, String currency,
            List<NewOrderLine> lines, RequestContext context) {
        List<Object> request = new ArrayList<>(List.of(customerId, currency));
        for (NewOrderLine line : lines) {
            request.addAll(Arrays.asList(line.lineId(), line.sku(), line.quantity(), line.unitPrice()));
        }
        return dispatch.send(CommandDispatch.derivedId("order", context.commandId()), () -> {
            List<OrderLine> orderLines = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                orderLines.add(line(lines.get(i), currency, "lines[" + i + "]."));
            }
            return new OrderCommand.PlaceOrder(customerId, currency, orderLines, clock.instant());
        }, RequestFingerprint.of("place-order", request.toArray()), context);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> addLine(String orderId, NewOrderLine line, RequestContext context) {
        // The currency is checked by the decider against the order's; the line carries the one it was priced in.
        return orders.state(orderId, context.timeout()).thenCompose(current -> {
            if (!current.exists()) {
                return java.util.concurrent.CompletableFuture.completedStage(
                        new CommandOutcome.NotFound<OrderView>("order " + orderId + " does not exist"));
            }
            return dispatch.send(orderId,
                    () -> new OrderCommand.AddLine(line(line, current.state().currency(), "")),
                    RequestFingerprint.of("add-line", line.lineId(), line.sku(), line.quantity(), line.unitPrice()),
                    context);
        }).exceptionallyCompose(CommandOutcomes::failed);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> removeLine(String orderId, String lineId, RequestContext context) {
        return dispatch.send(orderId, () -> new OrderCommand.RemoveLine(lineId),
                RequestFingerprint.of("remove-line", lineId), context);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> changeQuantity(String orderId, String lineId, int quantity,
            RequestContext context) {
        return dispatch.send(orderId, () -> new OrderCommand.ChangeQuantity(lineId, quantity),
                RequestFingerprint.of("change-quantity", lineId, quantity), context);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> confirmOrder(String orderId, RequestContext context) {
        return dispatch.send(orderId, () -> new OrderCommand.ConfirmOrder(clock.instant()),
                RequestFingerprint.of("confirm-order"), context);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> cancelOrder(String orderId, String reason, RequestContext context) {
        return dispatch.send(orderId, () -> new OrderCommand.CancelOrder(reason, clock.instant()),
                RequestFingerprint.of("cancel-order", reason), context);
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> shipOrder(String orderId, String trackingNumber,
            RequestContext context) {
        return dispatch.send(orderId, () -> new OrderCommand.ShipOrder(trackingNumber, clock.instant()),
                RequestFingerprint.of("ship-order", trackingNumber), context);
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrder(String orderId) {
        return CommandOutcomes.translated(orders.state(orderId, readTimeout)
                .thenApply(current -> current.exists() ? Optional.of(OrderViews.of(current)) : Optional.empty()));
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrderAtVersion(String orderId, long version) {
        return CommandOutcomes.translated(history.stateAt(orderId, version).thenApply(found -> found.map(OrderViews::of)));
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrderAsOf(String orderId, Instant instant) {
        return CommandOutcomes.translated(history.stateAsOf(orderId, instant).thenApply(found -> found.map(OrderViews::of)));
    }

    @Override
    public CompletionStage<Optional<List<OrderHistoryEntry>>> orderHistory(String orderId) {
        return CommandOutcomes.translated(history.storedEvents(orderId).thenApply(events -> {
            if (events.isEmpty()) {
                return Optional.empty();
            }
            List<OrderHistoryEntry> entries = new ArrayList<>(events.size());
            for (RecordedEvent event : events) {
                String data = new String(event.data(), StandardCharsets.UTF_8);
                entries.add(new OrderHistoryEntry(event.version(), event.type(), event.recordedAt(),
                        event.metadata().get(EventEnvelope.COMMAND_ID), data));
            }
            return Optional.of(entries);
        }));
    }

    /**
     * The domain's line. A line without an id keeps none: the order numbers it. A price the currency cannot hold
     * is the caller's mistake, named by {@code path} (the price of an added line is checked only here, because
     * only the order knows its currency).
     */
    private static OrderLine line(NewOrderLine line, String currency, String path) {
        int decimals = Money.decimals(currency);
        if (line.unitPrice().stripTrailingZeros().scale() > decimals) {
            throw new InvalidInputException(path + "unitPrice",
                    "must have at most " + decimals + " decimal places in " + currency);
        }
        return new OrderLine(line.lineId(), line.sku(), line.quantity(), new Money(line.unitPrice(), currency));
    }
}
