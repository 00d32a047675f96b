package io.clstr.domain.order;

import static io.clstr.domain.order.OrderRejections.CANCELLATION_REASON_REQUIRED;
import static io.clstr.domain.order.OrderRejections.CURRENCY_MISMATCH;
import static io.clstr.domain.order.OrderRejections.DUPLICATE_LINE_ID;
import static io.clstr.domain.order.OrderRejections.EMPTY_ORDER;
import static io.clstr.domain.order.OrderRejections.INVALID_QUANTITY;
import static io.clstr.domain.order.OrderRejections.LINE_NOT_FOUND;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_CANCELLED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_CONFIRMED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_PLACED;
import static io.clstr.domain.order.OrderRejections.ORDER_ALREADY_SHIPPED;
import static io.clstr.domain.order.OrderRejections.ORDER_CANCELLED;
import static io.clstr.domain.order.OrderRejections.ORDER_HAS_NO_LINES;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_CONFIRMED;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_FOUND;
import static io.clstr.domain.order.OrderRejections.ORDER_NOT_MODIFIABLE;
import static io.clstr.domain.order.OrderRejections.TOO_MANY_LINES;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Decision;
import io.clstr.domain.kernel.Rejection;
import io.clstr.domain.order.OrderCommand.AddLine;
import io.clstr.domain.order.OrderCommand.CancelOrder;
import io.clstr.domain.order.OrderCommand.ChangeQuantity;
import io.clstr.domain.order.OrderCommand.ConfirmOrder;
import io.clstr.domain.order.OrderCommand.PlaceOrder;
import io.clstr.domain.order.OrderCommand.RemoveLine;
import io.clstr.domain.order.OrderCommand.ShipOrder;
import io.clstr.domain.order.OrderEvent.OrderCancelled;
import io.clstr.domain.order.OrderEvent.OrderConfirmed;
import io.clstr.domain.order.OrderEvent.OrderLineAdded;
import io.clstr.domain.order.OrderEvent.OrderLineQuantityChanged;
import io.clstr.domain.order.OrderEvent.OrderLineRemoved;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of an order's life (see {@code docs/domain/order.md}): placed once with 1 to
 * {@value #MAX_LINES} lines in one currency, changed only while placed, confirmed only with lines,
 * shipped only once confirmed, cancelled any time before it ships.
 *
 * <p>Each command handler checks the order's status first, then the command against the state, so
 * a client always learns the most fundamental reason a command cannot apply.
 */
public final class OrderAggregate implements Aggregate<OrderCommand, OrderEvent, Order> {

    /** The aggregate type {@code order}. */
    public static final AggregateType TYPE = AggregateType.of("order");

    /** The most lines one order may have. */
    public static final int MAX_LINES = 100;

    /** The largest quantity of one line. */
    public static final int MAX_QUANTITY = 10_000;

    @Override
    public AggregateType type() {
        return TYPE;
    }

    @Override
    public Order initialState(String id) {
        return Order.unplaced(id);
    }

    @Override
    public Decision<OrderEvent> decide(OrderCommand command, Order order) {
        if (command instanceof PlaceOrder place) {
            return place(place, order);
        }
        if (command instanceof AddLine add) {
            return addLine(add, order);
        }
        if (command instanceof RemoveLine remove) {
            return removeLine(remove, order);
        }
        if (command instanceof ChangeQuantity change) {
            return changeQuantity(change, order);
        }
        if (command instanceof ConfirmOrder confirm) {
            return confirm(confirm, order);
        }
        if (command instanceof CancelOrder cancel) {
            return cancel(cancel, order);
        }
        if (command instanceof ShipOrder ship) {
            return ship(ship, order);
        }
        throw new IllegalArgumentException("unknown order command " + command.getClass().getName());
    }

    private static Decision<OrderEvent> place(PlaceOrder place, Order order) {
        if (order.isPlaced()) {
            return Decision.reject(ORDER_ALREADY_PLACED, "order " + order.id() + " was already placed");
        }
        List<OrderLine> lines = place.lines();
        if (lines.isEmpty()) {
            return Decision.reject(ORDER_HAS_NO_LINES, "an order is placed with at least one line");
        }
        if (lines.size() > MAX_LINES) {
            return Decision.reject(TOO_MANY_LINES,
                    "an order has at most " + MAX_LINES + " lines, got " + lines.size());
        }
        Set<String> chosenIds = new HashSet<>();
        for (OrderLine line : lines) {
            if (line.lineId() != null) {
                chosenIds.add(line.lineId());
            }
        }
        Set<String> lineIds = new HashSet<>();
        List<OrderLine> numbered = new ArrayList<>(lines.size());
        for (OrderLine given : lines) {
            OrderLine line = given.lineId() != null ? given : given.withLineId(firstFreeLineId(chosenIds, lineIds));
            Rejection problem = problemWith(line, place.currency());
            if (problem != null) {
                return Decision.reject(problem);
            }
            if (!lineIds.add(line.lineId())) {
                return Decision.reject(DUPLICATE_LINE_ID, "line id " + line.lineId() + " is used twice");
            }
            numbered.add(line);
        }
        return Decision.accept(new OrderPlaced(place.customerId(), place.currency(), numbered, place.placedAt()));
    }

    private static Decision<OrderEvent> addLine(AddLine add, Order order) {
        Rejection refusal = refusalToModify(order);
        if (refusal != null) {
            return Decision.reject(refusal);
        }
        OrderLine line = add.line().lineId() != null ? add.line()
                : add.line().withLineId(firstFreeLineId(order.lineIds(), Set.of()));
        Rejection problem = problemWith(line, order.currency());
        if (problem != null) {
            return Decision.reject(problem);
        }
        if (order.lineOrNull(line.lineId()) != null) {
            return Decision.reject(DUPLICATE_LINE_ID,
                    "order " + order.id() + " already has a line " + line.lineId());
        }
        if (order.lines().size() >= MAX_LINES) {
            return Decision.reject(TOO_MANY_LINES,
                    "order " + order.id() + " already has the maximum of " + MAX_LINES + " lines");
        }
        return Decision.accept(new OrderLineAdded(line));
    }

    private static Decision<OrderEvent> removeLine(RemoveLine remove, Order order) {
        Rejection refusal = refusalToModify(order);
        if (refusal != null) {
            return Decision.reject(refusal);
        }
        if (order.lineOrNull(remove.lineId()) == null) {
            return lineNotFound(order, remove.lineId());
        }
        return Decision.accept(new OrderLineRemoved(remove.lineId()));
    }

    private static Decision<OrderEvent> changeQuantity(ChangeQuantity change, Order order) {
        Rejection refusal = refusalToModify(order);
        if (refusal != null) {
            return Decision.reject(refusal);
        }
        if (!isValidQuantity(change.quantity())) {
            return Decision.reject(invalidQuantity(change.lineId(), change.quantity()));
        }
        OrderLine line = order.lineOrNull(change.lineId());
        if (line == null) {
            return lineNotFound(order, change.lineId());
        }
        if (line.quantity() == change.quantity()) {
            return Decision.acceptNothing();
        }
        return Decision.accept(new OrderLineQuantityChanged(change.lineId(), change.quantity()));
    }

    // The status switches are expressions over the enum, so a new status does not compile until every
    // command says what it means for it.

    private static Decision<OrderEvent> confirm(ConfirmOrder confirm, Order order) {
        String id = order.id();
        return switch (order.status()) {
            case NEW -> Decision.reject(notFound(order));
            case PLACED -> order.lines().isEmpty()
                    ? Decision.reject(EMPTY_ORDER, "order " + id + " has no lines left to confirm")
                    : Decision.accept(new OrderConfirmed(confirm.confirmedAt()));
            case CONFIRMED -> Decision.reject(ORDER_ALREADY_CONFIRMED, "order " + id + " is already confirmed");
            case CANCELLED -> Decision.reject(ORDER_CANCELLED, "order " + id + " is cancelled");
            case SHIPPED -> Decision.reject(ORDER_ALREADY_SHIPPED, "order " + id + " has already shipped");
        };
    }

    private static Decision<OrderEvent> cancel(CancelOrder cancel, Order order) {
        String id = order.id();
        return switch (order.status()) {
            case NEW -> Decision.reject(notFound(order));
            case PLACED, CONFIRMED -> cancel.reason() == null || cancel.reason().isBlank()
                    ? Decision.reject(CANCELLATION_REASON_REQUIRED, "cancelling an order needs a reason")
                    : Decision.accept(new OrderCancelled(cancel.reason(), cancel.cancelledAt()));
            case CANCELLED -> Decision.reject(ORDER_ALREADY_CANCELLED, "order " + id + " is already cancelled");
            case SHIPPED -> Decision.reject(ORDER_ALREADY_SHIPPED,
                    "order " + id + " has already shipped and can no longer be cancelled");
        };
    }

    private static Decision<OrderEvent> ship(ShipOrder ship, Order order) {
        String id = order.id();
        return switch (order.status()) {
            case NEW -> Decision.reject(notFound(order));
            case PLACED -> Decision.reject(ORDER_NOT_CONFIRMED, "order " + id + " must be confirmed before it ships");
            case CONFIRMED -> Decision.accept(new OrderShipped(ship.trackingNumber(), ship.shippedAt()));
            case CANCELLED -> Decision.reject(ORDER_CANCELLED, "order " + id + " is cancelled");
            case SHIPPED -> Decision.reject(ORDER_ALREADY_SHIPPED, "order " + id + " has already shipped");
        };
    }

    /** Why the lines of {@code order} cannot change now, or null if they can. */
    private static Rejection refusalToModify(Order order) {
        return switch (order.status()) {
            case NEW -> notFound(order);
            case PLACED -> null;
            case CONFIRMED, CANCELLED, SHIPPED -> new Rejection(ORDER_NOT_MODIFIABLE,
                    "order " + order.id() + " is " + order.status() + "; its lines can no longer change");
        };
    }

    /** Why {@code line} cannot belong to an order in {@code currency}, or null if it can. */
    private static Rejection problemWith(OrderLine line, String currency) {
        if (!isValidQuantity(line.quantity())) {
            return invalidQuantity(line.lineId(), line.quantity());
        }
        String lineCurrency = line.unitPrice().currency();
        if (!lineCurrency.equals(currency)) {
            return new Rejection(CURRENCY_MISMATCH,
                    "line " + line.lineId() + " is priced in " + lineCurrency + " but the order is in " + currency);
        }
        return null;
    }

    /**
     * The id of a line the client gave none: the first of {@code line-1}, {@code line-2}, … that neither set
     * holds. One rule for placing and adding, decided here so that it sees every line and no two commands race.
     */
    private static String firstFreeLineId(Set<String> taken, Set<String> alsoTaken) {
        for (int number = 1; ; number++) {
            String id = "line-" + number;
            if (!taken.contains(id) && !alsoTaken.contains(id)) {
                return id;
            }
        }
    }

    private static boolean isValidQuantity(int quantity) {
        return quantity > 0 && quantity <= MAX_QUANTITY;
    }

    private static Rejection invalidQuantity(String lineId, int quantity) {
        return new Rejection(INVALID_QUANTITY,
                "quantity of line " + lineId + " must be between 1 and " + MAX_QUANTITY + ", got " + quantity);
    }

    private static Rejection notFound(Order order) {
        return Rejection.notFound(ORDER_NOT_FOUND, "order " + order.id() + " has not been placed");
    }

    private static Decision<OrderEvent> lineNotFound(Order order, String lineId) {
        return Decision.reject(LINE_NOT_FOUND, "order " + order.id() + " has no line " + lineId);
    }

    @Override
    public Order evolve(Order order, OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            return order.placed(placed.customerId(), placed.currency(), placed.lines(), placed.placedAt());
        }
        if (event instanceof OrderLineAdded added) {
            return order.withLineAdded(added.line());
        }
        if (event instanceof OrderLineRemoved removed) {
            return order.withLineRemoved(removed.lineId());
        }
        if (event instanceof OrderLineQuantityChanged changed) {
            return order.withQuantity(changed.lineId(), changed.quantity());
        }
        if (event instanceof OrderConfirmed confirmed) {
            return order.confirmed(confirmed.confirmedAt());
        }
        if (event instanceof OrderCancelled cancelled) {
            return order.cancelled(cancelled.reason(), cancelled.cancelledAt());
        }
        if (event instanceof OrderShipped shipped) {
            return order.shipped(shipped.trackingNumber(), shipped.shippedAt());
        }
        throw new IllegalArgumentException("unknown order event " + event.getClass().getName());
    }

    @Override
    public Class<OrderCommand> commandType() {
        return OrderCommand.class;
    }

    @Override
    public Class<OrderEvent> eventType() {
        return OrderEvent.class;
    }

    @Override
    public Class<Order> stateType() {
        return Order.class;
    }
}
