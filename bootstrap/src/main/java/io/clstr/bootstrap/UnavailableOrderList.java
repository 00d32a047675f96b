package io.clstr.bootstrap;

import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.request.Page;
import io.clstr.ports.in.request.ServiceUnavailableException;

/**
 * Integration point: {@code GET /orders} lists from the order read model, which its projection keeps. Until
 * that projection is wired into the node, listing answers 503 rather than an empty (and wrong) page.
 */
final class UnavailableOrderList implements ListOrdersQuery {

    @Override
    public Page<OrderSummary> listOrders(OrderFilter filter, int pageSize, String cursor) {
        throw new ServiceUnavailableException("the order read model is not running on this node");
    }
}
