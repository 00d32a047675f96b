package io.clstr.adapters.jackson.parcel;

import java.math.BigDecimal;
import java.util.Objects;

/** A line of a parcel's contents. */
public record Item(String description, int quantity, BigDecimal unitPrice) {

    public Item {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }

    /** Derived, so never stored: the storage mapper writes record components only. */
    public BigDecimal getTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
