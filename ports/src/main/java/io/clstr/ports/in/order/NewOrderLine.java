package io.clstr.ports.in.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A line to put on an order. The price is in the order's currency.
 *
 * @param lineId optional: the line's id, unique within the order; when {@code null} the order numbers the line
 *     with the first free id of {@code line-1}, {@code line-2}, …
 */
public record NewOrderLine(String lineId, String sku, int quantity, BigDecimal unitPrice) {

    public NewOrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }
}
