package io.clstr.ports.in.loyalty;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

// tag::use-cases[]
/** What callers can do with a loyalty account: open it, earn and redeem points, and read it. */
public interface LoyaltyAccountUseCases {

    /** Opens a customer's account under an id the caller chooses. */
    CompletionStage<CommandOutcome<LoyaltyAccountView>> openAccount(String accountId, String customerId,
            RequestContext context);

    CompletionStage<CommandOutcome<LoyaltyAccountView>> earnPoints(String accountId, long points,
            RequestContext context);

    CompletionStage<CommandOutcome<LoyaltyAccountView>> redeemPoints(String accountId, long points,
            RequestContext context);

    /** Reads an account from its entity, so it includes every acknowledged command; empty if never opened. */
    CompletionStage<Optional<LoyaltyAccountView>> getAccount(String accountId);
}
// end::use-cases[]
