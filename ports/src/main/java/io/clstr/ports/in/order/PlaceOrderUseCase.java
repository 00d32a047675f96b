package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Places a new order; its id is assigned by the service and returned in the view. */
public interface PlaceOrderUseCase {

    CompletionStage<CommandOutcome<OrderView>> placeOrder(String customerId, String currency, List<NewOrderLine> lines,
            RequestContext context);
}
