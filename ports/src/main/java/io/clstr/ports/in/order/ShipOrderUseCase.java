package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

/** Ships a confirmed order. */
public interface ShipOrderUseCase {

    CompletionStage<CommandOutcome<OrderView>> shipOrder(String orderId, String trackingNumber, RequestContext context);
}
