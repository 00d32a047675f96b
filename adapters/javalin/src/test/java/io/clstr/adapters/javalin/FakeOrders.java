package io.clstr.adapters.javalin;

import io.clstr.ports.in.order.CancelOrderUseCase;
import io.clstr.ports.in.order.ChangeOrderLinesUseCase;
import io.clstr.ports.in.order.ConfirmOrderUseCase;
import io.clstr.ports.in.order.GetOrderQuery;
import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.order.OrderHistoryQuery;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.order.OrderView.OrderLineView;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import io.clstr.ports.in.order.ShipOrderUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.Page;
import io.clstr.ports.in.request.RequestContext;
import io.clstr.ports.in.request.VersionNotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order ports as a small in-memory service with the sample's rules, so the routes can be driven through a
 * whole lifecycle. Each order keeps every version (one event per minute from {@link #T0}) for time travel.
 * Tests can replace the next command's or query's answer to provoke failures or to answer later.
 */
final class FakeOrders implements PlaceOrderUseCase, ChangeOrderLinesUseCase, ConfirmOrderUseCase, CancelOrderUseCase,
        ShipOrderUseCase, GetOrderQuery, ListOrdersQuery, OrderHistoryQuery {

    static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");

    final List<RequestContext> contexts = new CopyOnWriteArrayList<>();
    final List<Object> calls = new CopyOnWriteArrayList<>();
    final AtomicReference<ListCall> lastList = new AtomicReference<>();
    /** Thrown by the next listing, once. */
    final AtomicReference<RuntimeException> listFailure = new AtomicReference<>();

    private final Map<String, List<OrderView>> histories = new ConcurrentHashMap<>();
    private final Map<String, CommandOutcome<OrderView>> outcomesByCommandId = new ConcurrentHashMap<>();
    private final AtomicInteger orderIds = new AtomicInteger();
    private final Queue<Supplier<CompletionStage<CommandOutcome<OrderView>>>> nextCommands =
            new ConcurrentLinkedQueue<>();
    private final Queue<Supplier<CompletionStage<Optional<OrderView>>>> nextQueries = new ConcurrentLinkedQueue<>();
    private volatile Page<OrderSummary> page = new Page<>(List.of(), null);

    record ListCall(OrderFilter filter, int pageSize, String cursor) {
    }

    /** The next command answers with this instead of being decided; answers queue up in order. */
    void nextCommand(Supplier<CompletionStage<CommandOutcome<OrderView>>> answer) {
        nextCommands.add(answer);
    }

    /** The next query answers with this; answers queue up in order. */
    void nextQuery(Supplier<CompletionStage<Optional<OrderView>>> answer) {
        nextQueries.add(answer);
    }

    void page(Page<OrderSummary> page) {
        this.page = page;
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> placeOrder(String customerId, String currency,
            List<NewOrderLine> lines, RequestContext context) {
        calls.add(List.of("place", customerId, currency, lines));
        String orderId = "order-" + orderIds.incrementAndGet();
        return decide(orderId, context, true, ignored -> {
            OrderView placed = new OrderView(orderId, customerId, "PLACED", currency, List.of(), BigDecimal.ZERO, 1,
                    T0, null, null, null, null, null);
            return withLines(placed, toLineViews(new ArrayList<>(), lines), 1);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> addLine(String orderId, NewOrderLine line,
            RequestContext context) {
        calls.add(List.of("addLine", orderId, line));
        return decide(orderId, context, false, order -> {
            if (!order.status().equals("PLACED")) {
                return new CommandOutcome.Rejected<>("ORDER_NOT_EDITABLE", "Only placed orders can change.");
            }
            return withLines(order, toLineViews(new ArrayList<>(order.lines()), List.of(line)), order.version() + 1);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> removeLine(String orderId, String lineId,
            RequestContext context) {
        calls.add(List.of("removeLine", orderId, lineId));
        return decide(orderId, context, false, order -> {
            List<OrderLineView> lines = new ArrayList<>(order.lines());
            if (!lines.removeIf(line -> line.lineId().equals(lineId))) {
                return new CommandOutcome.Rejected<>("LINE_NOT_FOUND", "The order has no line " + lineId + ".");
            }
            return withLines(order, lines, order.version() + 1);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> changeQuantity(String orderId, String lineId, int quantity,
            RequestContext context) {
        calls.add(List.of("changeQuantity", orderId, lineId, quantity));
        return decide(orderId, context, false, order -> {
            List<OrderLineView> lines = new ArrayList<>();
            for (OrderLineView line : order.lines()) {
                lines.add(!line.lineId().equals(lineId) ? line : new OrderLineView(lineId, line.sku(), quantity,
                        line.unitPrice(), line.unitPrice().multiply(BigDecimal.valueOf(quantity))));
            }
            return withLines(order, lines, order.version() + 1);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> confirmOrder(String orderId, RequestContext context) {
        calls.add(List.of("confirm", orderId));
        return decide(orderId, context, false, order -> {
            if (order.lines().isEmpty()) {
                return new CommandOutcome.Rejected<>("EMPTY_ORDER", "An order without lines cannot be confirmed.");
            }
            long version = order.version() + 1;
            return new CommandOutcome.Accepted<>(new OrderView(order.orderId(), order.customerId(), "CONFIRMED",
                    order.currency(), order.lines(), order.total(), version, order.placedAt(), at(version), null, null,
                    null, null), false);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> cancelOrder(String orderId, String reason,
            RequestContext context) {
        calls.add(List.of("cancel", orderId, reason));
        return decide(orderId, context, false, order -> {
            long version = order.version() + 1;
            return new CommandOutcome.Accepted<>(new OrderView(order.orderId(), order.customerId(), "CANCELLED",
                    order.currency(), order.lines(), order.total(), version, order.placedAt(), order.confirmedAt(),
                    at(version), reason, null, null), false);
        });
    }

    @Override
    public CompletionStage<CommandOutcome<OrderView>> shipOrder(String orderId, String trackingNumber,
            RequestContext context) {
        calls.add(List.of("ship", orderId, trackingNumber));
        return decide(orderId, context, false, order -> {
            if (!order.status().equals("CONFIRMED")) {
                return new CommandOutcome.Rejected<>("ORDER_NOT_CONFIRMED", "Only confirmed orders ship.");
            }
            long version = order.version() + 1;
            return new CommandOutcome.Accepted<>(new OrderView(order.orderId(), order.customerId(), "SHIPPED",
                    order.currency(), order.lines(), order.total(), version, order.placedAt(), order.confirmedAt(),
                    null, null, at(version), trackingNumber), false);
        });
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrder(String orderId) {
        calls.add(List.of("get", orderId));
        return query(() -> Optional.ofNullable(histories.get(orderId)).map(history -> history.get(history.size() - 1)));
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrderAtVersion(String orderId, long version) {
        calls.add(List.of("getAtVersion", orderId, version));
        return query(() -> Optional.ofNullable(histories.get(orderId)).map(history -> {
            if (version > history.size()) {
                throw new VersionNotFoundException(
                        "There is no version " + version + ": the latest version is " + history.size() + ".");
            }
            return history.get((int) version - 1);
        }));
    }

    @Override
    public CompletionStage<Optional<OrderView>> getOrderAsOf(String orderId, Instant instant) {
        calls.add(List.of("getAsOf", orderId, instant));
        return query(() -> Optional.ofNullable(histories.get(orderId)).flatMap(history -> history.stream()
                .filter(view -> !at(view.version()).isAfter(instant))
                .reduce((earlier, later) -> later)));
    }

    /**
     * A plausible audit trail: the order placed with its first lines, then one confirmation per later version
     * (the fake keeps views, not events; the HTTP mapping is what these tests check).
     */
    @Override
    public CompletionStage<Optional<List<OrderHistoryEntry>>> orderHistory(String orderId) {
        calls.add(List.of("history", orderId));
        return CompletableFuture.completedFuture(Optional.ofNullable(histories.get(orderId)).map(history -> {
            List<OrderHistoryEntry> entries = new ArrayList<>();
            OrderView first = history.get(0);
            StringBuilder lines = new StringBuilder();
            for (var line : first.lines()) {
                lines.append(lines.isEmpty() ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"lineId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d,\"unitPrice\":{\"amount\":\"%s\","
                                + "\"currency\":\"%s\"}}", line.lineId(), line.sku(), line.quantity(),
                        line.unitPrice().toPlainString(), first.currency()));
            }
            // As a store would hold them: the codec's JSON, which the audit trail shows unchanged.
            entries.add(new OrderHistoryEntry(1, "order.placed.v1", at(1), "cmd-1", String.format(Locale.ROOT,
                    "{\"customerId\":\"%s\",\"currency\":\"%s\",\"lines\":[%s],\"placedAt\":\"%s\"}",
                    first.customerId(), first.currency(), lines, at(1))));
            for (long version = 2; version <= history.size(); version++) {
                entries.add(new OrderHistoryEntry(version, "order.confirmed.v1", at(version), "cmd-" + version,
                        "{\"confirmedAt\":\"" + at(version) + "\"}"));
            }
            return entries;
        }));
    }

    @Override
    public Page<OrderSummary> listOrders(OrderFilter filter, int pageSize, String cursor) {
        lastList.set(new ListCall(filter, pageSize, cursor));
        RuntimeException failure = listFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return page;
    }

    RequestContext lastContext() {
        return contexts.get(contexts.size() - 1);
    }

    static Instant at(long version) {
        return T0.plus(Duration.ofMinutes(version - 1));
    }

    private CompletionStage<Optional<OrderView>> query(Supplier<Optional<OrderView>> answer) {
        Supplier<CompletionStage<Optional<OrderView>>> replacement = nextQueries.poll();
        return replacement != null ? replacement.get() : CompletableFuture.completedFuture(answer.get());
    }

    /** Applies a command the way the application does: command id first, then expected version, then the rule. */
    private CompletionStage<CommandOutcome<OrderView>> decide(String orderId, RequestContext context, boolean creates,
            Function<OrderView, CommandOutcome<OrderView>> rule) {
        contexts.add(context);
        Supplier<CompletionStage<CommandOutcome<OrderView>>> replacement = nextCommands.poll();
        if (replacement != null) {
            return replacement.get();
        }
        CommandOutcome<OrderView> earlier = outcomesByCommandId.get(context.commandId());
        if (earlier instanceof CommandOutcome.Accepted<OrderView> accepted) {
            return CompletableFuture.completedFuture(new CommandOutcome.Accepted<>(accepted.view(), true));
        }
        List<OrderView> history = histories.get(orderId);
        OrderView current = history == null ? null : history.get(history.size() - 1);
        if (current == null && !creates) {
            return CompletableFuture.completedFuture(new CommandOutcome.NotFound<>("No order " + orderId + "."));
        }
        long currentVersion = current == null ? 0 : current.version();
        if (context.expectedVersion().isPresent() && context.expectedVersion().getAsLong() != currentVersion) {
            return CompletableFuture.completedFuture(
                    new CommandOutcome.VersionMismatch<>(context.expectedVersion().getAsLong(), currentVersion));
        }
        CommandOutcome<OrderView> outcome = rule.apply(current);
        if (outcome instanceof CommandOutcome.Accepted<OrderView> accepted) {
            histories.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>()).add(accepted.view());
            outcomesByCommandId.put(context.commandId(), outcome);
        }
        return CompletableFuture.completedFuture(outcome);
    }

    private static List<OrderLineView> toLineViews(List<OrderLineView> lines, List<NewOrderLine> added) {
        for (NewOrderLine line : added) {
            String lineId = line.lineId() != null ? line.lineId() : "line-" + (lines.size() + 1);
            lines.add(new OrderLineView(lineId, line.sku(), line.quantity(), line.unitPrice(),
                    line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()))));
        }
        return lines;
    }

    private static CommandOutcome<OrderView> withLines(OrderView order, List<OrderLineView> lines, long version) {
        BigDecimal total = lines.stream().map(OrderLineView::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CommandOutcome.Accepted<>(new OrderView(order.orderId(), order.customerId(), order.status(),
                order.currency(), lines, total, version, order.placedAt(), order.confirmedAt(), order.cancelledAt(),
                order.cancellationReason(), order.shippedAt(), order.trackingNumber()), false);
    }
}
