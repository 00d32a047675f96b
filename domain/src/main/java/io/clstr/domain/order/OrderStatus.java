package io.clstr.domain.order;

/**
 * Where an order is in its life.
 *
 * <pre>
 * NEW --place--> PLACED --confirm--> CONFIRMED --ship--> SHIPPED
 *                  |                     |
 *                  +------cancel---------+--> CANCELLED
 * </pre>
 */
public enum OrderStatus {
    /** Nothing has been placed under this id yet: to clients, the order does not exist. */
    NEW,
    /** Placed by a customer; lines may still be added, removed and changed. */
    PLACED,
    /** Accepted for fulfilment; its lines are final. */
    CONFIRMED,
    /** Cancelled with a reason, before it shipped. Final. */
    CANCELLED,
    /** Handed to a carrier with a tracking number. Final. */
    SHIPPED
}
