package io.clstr.ports.in.loyalty;

import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.util.concurrent.CompletionStage;

// tag::open[]
/** Opens a customer's loyalty account under an id the caller chooses. */
public interface OpenLoyaltyAccountUseCase {

    CompletionStage<CommandOutcome<LoyaltyAccountView>> openAccount(String accountId, String customerId,
            RequestContext context);
}
// end::open[]
