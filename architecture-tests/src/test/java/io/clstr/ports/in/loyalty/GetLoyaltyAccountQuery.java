package io.clstr.ports.in.loyalty;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

// tag::get[]
/** Reads an account from its entity, so it includes every acknowledged command; empty if never opened. */
public interface GetLoyaltyAccountQuery {

    CompletionStage<Optional<LoyaltyAccountView>> getAccount(String accountId);
}
// end::get[]
