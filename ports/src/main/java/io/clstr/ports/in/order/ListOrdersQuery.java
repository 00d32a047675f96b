package io.clstr.ports.in.order;

import io.clstr.ports.in.request.Page;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists orders from the read model, newest first. The read model follows the event feed, so it may
 * lag the latest commands by a moment.
 */
public interface ListOrdersQuery {

    int MAX_PAGE_SIZE = 200;

    Page<OrderSummary> listOrders(OrderFilter filter, int pageSize, String cursor);

    /** Which orders to list; empty fields match everything. */
    record OrderFilter(Optional<String> status, Optional<String> customerId) {
        public OrderFilter {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(customerId, "customerId");
        }

        public static OrderFilter any() {
            return new OrderFilter(Optional.empty(), Optional.empty());
        }
    }

    /** An order as the read model lists it. */
    record OrderSummary(String orderId, String customerId, String status, String currency,
            java.math.BigDecimal total, int lineCount, long version, java.time.Instant placedAt) {
    }
}
