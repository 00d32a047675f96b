package io.clstr.ports.in.loyalty;

import java.util.List;

// tag::list[]
/** Lists a customer's accounts from the read model, which may lag the latest commands by a moment. */
public interface ListLoyaltyAccountsQuery {

    List<LoyaltyAccountView> accountsOf(String customerId);
}
// end::list[]
