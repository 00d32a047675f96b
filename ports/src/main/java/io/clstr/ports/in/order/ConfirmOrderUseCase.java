package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

/** Confirms a placed order. */
public interface ConfirmOrderUseCase {

    CompletionStage<CommandOutcome<OrderView>> confirmOrder(String orderId, RequestContext context);
}
