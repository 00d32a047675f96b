package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import io.clstr.domain.order.OrderAggregate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Places a new order; its id is assigned by the service and returned in the view. */
public interface PlaceOrderUseCase {

    /** The most lines an order may have; callers may refuse more before looking at any of them. */
    int MAX_LINES = OrderAggregate.MAX_LINES;

    /** The largest quantity a line may have. */
    int MAX_QUANTITY = OrderAggregate.MAX_QUANTITY;

    CompletionStage<CommandOutcome<OrderView>> placeOrder(String customerId, String currency, List<NewOrderLine> lines,
            RequestContext context);
}
