package io.clstr.application.order;

import io.clstr.ports.out.codec.TypeCatalog;

/**
 * The stored names of the order read model's documents. Merge this catalog into the codec that the read model
 * uses. A read model is rebuilt rather than upcast: when a document's shape changes, register it under a new
 * version and rebuild the projection.
 */
public final class OrderReadModelTypes {

    private OrderReadModelTypes() {
    }

    public static TypeCatalog catalog() {
        return TypeCatalog.empty().with("order.summary.v1", OrderSummaryDocument.class);
    }
}
