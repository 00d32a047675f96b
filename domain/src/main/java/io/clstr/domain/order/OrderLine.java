package io.clstr.domain.order;

import java.util.Objects;

/**
 * One line of an order: a quantity of one product at a unit price. The quantity is not checked here:
 * whether it is acceptable is a business rule of {@link OrderAggregate} ({@link OrderRejections#INVALID_QUANTITY}).
 *
 * @param lineId    identifies the line within its order: the client chooses it, or leaves it {@code null} in a
 *                  command and {@link OrderAggregate} numbers the line ({@code line-1}, {@code line-2}, …); the
 *                  lines of events and of an {@link Order} always have one
 * @param sku       the product
 * @param quantity  how many units
 * @param unitPrice the price of one unit
 */
public record OrderLine(String lineId, String sku, int quantity, Money unitPrice) {

    public OrderLine {
        if (lineId != null) {
            Checks.text(lineId, "lineId");
        }
        Checks.text(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }

    /** The unit price times the quantity. Defined for the non-negative quantities an order's lines have. */
    public Money total() {
        return unitPrice.times(quantity);
    }

    /** This line under another id. */
    public OrderLine withLineId(String newLineId) {
        return new OrderLine(newLineId, sku, quantity, unitPrice);
    }

    /** This line with another quantity. */
    public OrderLine withQuantity(int newQuantity) {
        return new OrderLine(lineId, sku, newQuantity, unitPrice);
    }
}
