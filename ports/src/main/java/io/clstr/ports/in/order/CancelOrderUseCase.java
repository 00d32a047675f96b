package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

/** Cancels a placed or confirmed order, with a reason. */
public interface CancelOrderUseCase {

    CompletionStage<CommandOutcome<OrderView>> cancelOrder(String orderId, String reason, RequestContext context);
}
