package io.clstr.application.order;

import io.clstr.application.context.BoundedContext;
import io.clstr.application.context.ContextSetup;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

/** The order sample: the order entities, the order read model and the order use cases. */
public final class OrderContext implements BoundedContext {

    private final OrderAggregate orders = new OrderAggregate();

    @Override
    public TypeCatalog types() {
        return OrderTypes.catalog().merge(OrderReadModelTypes.catalog());
    }

    @Override
    public List<Aggregate<?, ?, ?>> aggregates() {
        return List.of(orders);
    }

    @Override
    public void start(ContextSetup setup) {
        setup.followOnOneNode("order read model", new OrderProjection(setup.keyValues(), setup.codec()));
        setup.offer(new OrderService(setup.gateway(orders), setup.history(orders), setup.clock(),
                setup.requestTimeout()));
        setup.offer(setup.closeOnStop("order list", new OrderListService(setup.keyValues(), setup.codec())));
    }
}
