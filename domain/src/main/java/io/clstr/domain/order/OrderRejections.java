package io.clstr.domain.order;

/**
 * The codes with which {@link OrderAggregate} refuses a command. Clients match on them: never rename
 * one or change its meaning; add a new code instead.
 */
public final class OrderRejections {

    /** The order was already placed: an id is placed once. */
    public static final String ORDER_ALREADY_PLACED = "ORDER_ALREADY_PLACED";

    /** No order has been placed under this id (every command but placing needs one). */
    public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";

    /** An order is placed with at least one line. */
    public static final String ORDER_HAS_NO_LINES = "ORDER_HAS_NO_LINES";

    /** A quantity is zero, negative or above {@link OrderAggregate#MAX_QUANTITY}. */
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";

    /** A line is priced in another currency than the order's. */
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";

    /** Two lines of one order would share a line id. */
    public static final String DUPLICATE_LINE_ID = "DUPLICATE_LINE_ID";

    /** The order would have more than {@link OrderAggregate#MAX_LINES} lines. */
    public static final String TOO_MANY_LINES = "TOO_MANY_LINES";

    /** The order has no line with this id. */
    public static final String LINE_NOT_FOUND = "LINE_NOT_FOUND";

    /** Lines change only while the order is {@link OrderStatus#PLACED}. */
    public static final String ORDER_NOT_MODIFIABLE = "ORDER_NOT_MODIFIABLE";

    /** An order without lines (they were all removed) cannot be confirmed. */
    public static final String EMPTY_ORDER = "EMPTY_ORDER";

    /** The order is already confirmed. */
    public static final String ORDER_ALREADY_CONFIRMED = "ORDER_ALREADY_CONFIRMED";

    /** The order is cancelled, so it can be neither confirmed nor shipped. */
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";

    /** The order is already cancelled. */
    public static final String ORDER_ALREADY_CANCELLED = "ORDER_ALREADY_CANCELLED";

    /** The order has shipped, so it can be neither confirmed, cancelled nor shipped again. */
    public static final String ORDER_ALREADY_SHIPPED = "ORDER_ALREADY_SHIPPED";

    /** Only a confirmed order ships. */
    public static final String ORDER_NOT_CONFIRMED = "ORDER_NOT_CONFIRMED";

    /** Cancelling needs a reason that is not blank. */
    public static final String CANCELLATION_REASON_REQUIRED = "CANCELLATION_REASON_REQUIRED";

    private OrderRejections() {
    }
}
