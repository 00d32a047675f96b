package io.clstr.adapters.javalin.order;

import io.clstr.adapters.javalin.RouteGroup;
import io.clstr.adapters.javalin.internal.FieldErrors;
import io.clstr.adapters.javalin.internal.Parameters;
import io.clstr.adapters.javalin.internal.RouteSupport;
import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.order.CancelOrderUseCase;
import io.clstr.ports.in.order.ChangeOrderLinesUseCase;
import io.clstr.ports.in.order.ConfirmOrderUseCase;
import io.clstr.ports.in.order.GetOrderQuery;
import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.order.ListOrdersQuery.OrderFilter;
import io.clstr.ports.in.order.NewOrderLine;
import io.clstr.ports.in.order.OrderHistoryQuery;
import io.clstr.ports.in.order.OrderView;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import io.clstr.ports.in.order.ShipOrderUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The order API: thin handlers that parse, validate, call one port and map its answer. */
public final class OrderRoutes implements RouteGroup.Routes {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final List<String> STATUSES = List.of("PLACED", "CONFIRMED", "CANCELLED", "SHIPPED");
    private static final List<String> GET_PARAMETERS = List.of("version", "asOf");
    private static final List<String> LIST_PARAMETERS = List.of("status", "customerId", "limit", "cursor");
    private static final String UNKNOWN_ORDER = "No order with this id exists.";

    private final PlaceOrderUseCase place;
    private final ChangeOrderLinesUseCase changeLines;
    private final ConfirmOrderUseCase confirm;
    private final CancelOrderUseCase cancel;
    private final ShipOrderUseCase ship;
    private final GetOrderQuery get;
    private final ListOrdersQuery list;
    private final OrderHistoryQuery history;
    private final RouteSupport http;

    public OrderRoutes(UseCases useCases, RouteSupport http) {
        place = useCases.get(PlaceOrderUseCase.class);
        changeLines = useCases.get(ChangeOrderLinesUseCase.class);
        confirm = useCases.get(ConfirmOrderUseCase.class);
        cancel = useCases.get(CancelOrderUseCase.class);
        ship = useCases.get(ShipOrderUseCase.class);
        get = useCases.get(GetOrderQuery.class);
        list = useCases.get(ListOrdersQuery.class);
        history = useCases.get(OrderHistoryQuery.class);
        this.http = http;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/orders", this::place);
        routes.get("/orders", this::list);
        routes.get("/orders/{id}", this::get);
        routes.get("/orders/{id}/events", this::events);
        routes.post("/orders/{id}/lines", this::addLine);
        routes.patch("/orders/{id}/lines/{lineId}", this::changeQuantity);
        routes.delete("/orders/{id}/lines/{lineId}", this::removeLine);
        routes.post("/orders/{id}/confirm", this::confirm);
        routes.post("/orders/{id}/cancel", this::cancel);
        routes.post("/orders/{id}/ship", this::ship);
    }

    private void place(Context ctx) {
        OrderRequests.Placement order = http.bodies().required(ctx, OrderRequests.PlaceOrder.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> place.placeOrder(order.customerId(), order.currency(), order.lines(),
                request), (done, accepted) -> http.responses().created(done,
                        "/orders/" + pathSegment(accepted.view().orderId()), accepted, accepted.view().version(),
                        OrderDocuments.Order.of(accepted.view())));
    }

    private void get(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        FieldErrors errors = new FieldErrors();
        Parameters query = Parameters.query(ctx, GET_PARAMETERS, errors);
        Long version = query.positiveLong("version", errors);
        Instant asOf = instant(query.get("asOf"), errors);
        if (version != null && asOf != null) {
            errors.add("asOf", "cannot be combined with version");
        }
        errors.throwIfAny();
        http.calls().query(ctx, () -> version != null
                ? get.getOrderAtVersion(orderId, version)
                : asOf != null ? get.getOrderAsOf(orderId, asOf) : get.getOrder(orderId),
                UNKNOWN_ORDER, (done, view) -> http.responses().versioned(done, view.version(), OrderDocuments.Order.of(view)));
    }

    /** The audit trail: every event of the order, in order, with when it was recorded and what caused it. */
    private void events(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        FieldErrors errors = new FieldErrors();
        Parameters.query(ctx, List.of(), errors);
        errors.throwIfAny();
        http.calls().query(ctx, () -> history.orderHistory(orderId), UNKNOWN_ORDER,
                (done, entries) -> http.responses().json(done, 200, OrderDocuments.OrderHistory.of(orderId, entries)));
    }

    /** The read model answers from memory, so this handler calls it directly. */
    private void list(Context ctx) {
        FieldErrors errors = new FieldErrors();
        Parameters query = Parameters.query(ctx, LIST_PARAMETERS, errors);
        String status = query.get("status");
        if (status != null && !STATUSES.contains(status)) {
            errors.add("status", "must be one of " + String.join(", ", STATUSES));
        }
        String customerId = query.get("customerId") == null ? null : errors.id("customerId", query.get("customerId"));
        Long limit = query.positiveLong("limit", errors);
        if (limit != null && limit > ListOrdersQuery.MAX_PAGE_SIZE) {
            errors.add("limit", "must be at most " + ListOrdersQuery.MAX_PAGE_SIZE);
        }
        String cursor = query.get("cursor") == null ? null
                : errors.text("cursor", query.get("cursor"), FieldErrors.MAX_TEXT_LENGTH);
        errors.throwIfAny();
        OrderFilter filter = new OrderFilter(Optional.ofNullable(status), Optional.ofNullable(customerId));
        int pageSize = limit == null ? DEFAULT_PAGE_SIZE : limit.intValue();
        http.responses().json(ctx, 200, OrderDocuments.OrderPage.of(list.listOrders(filter, pageSize, cursor)));
    }

    private void addLine(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        NewOrderLine line = http.bodies().required(ctx, OrderRequests.OrderLine.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> changeLines.addLine(orderId, line, request), this::ok);
    }

    private void changeQuantity(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        String lineId = Parameters.pathId(ctx, "lineId");
        int quantity = http.bodies().required(ctx, OrderRequests.QuantityChange.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> changeLines.changeQuantity(orderId, lineId, quantity, request),
                this::ok);
    }

    private void removeLine(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        String lineId = Parameters.pathId(ctx, "lineId");
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> changeLines.removeLine(orderId, lineId, request), this::ok);
    }

    private void confirm(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> confirm.confirmOrder(orderId, request), this::ok);
    }

    private void cancel(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        String reason = http.bodies().required(ctx, OrderRequests.Cancellation.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> cancel.cancelOrder(orderId, reason, request), this::ok);
    }

    private void ship(Context ctx) {
        String orderId = Parameters.pathId(ctx, "id");
        String trackingNumber = http.bodies().required(ctx, OrderRequests.Shipment.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> ship.shipOrder(orderId, trackingNumber, request), this::ok);
    }

    private void ok(Context ctx, CommandOutcome.Accepted<OrderView> accepted) {
        http.responses().accepted(ctx, 200, accepted, accepted.view().version(), OrderDocuments.Order.of(accepted.view()));
    }

    private static Instant instant(String value, FieldErrors errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            errors.add("asOf", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
