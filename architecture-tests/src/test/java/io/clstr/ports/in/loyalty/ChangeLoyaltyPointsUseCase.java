package io.clstr.ports.in.loyalty;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

// tag::points[]
/** Earns and redeems points on an open account. */
public interface ChangeLoyaltyPointsUseCase {

    CompletionStage<CommandOutcome<LoyaltyAccountView>> earnPoints(String accountId, long points,
            RequestContext context);

    CompletionStage<CommandOutcome<LoyaltyAccountView>> redeemPoints(String accountId, long points,
            RequestContext context);
}
// end::points[]
