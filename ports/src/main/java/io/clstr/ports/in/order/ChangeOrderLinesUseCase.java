package io.clstr.ports.in.order;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

/** Edits the lines of an order that is placed but not yet confirmed. */
public interface ChangeOrderLinesUseCase {

    CompletionStage<CommandOutcome<OrderView>> addLine(String orderId, NewOrderLine line, RequestContext context);

    CompletionStage<CommandOutcome<OrderView>> removeLine(String orderId, String lineId, RequestContext context);

    CompletionStage<CommandOutcome<OrderView>> changeQuantity(String orderId, String lineId, int quantity,
            RequestContext context);
}
