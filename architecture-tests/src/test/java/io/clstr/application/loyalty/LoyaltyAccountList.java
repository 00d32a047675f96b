package io.clstr.application.loyalty;

import io.clstr.application.eventsourcing.KeyValueReadModel;
import io.clstr.ports.in.loyalty.ListLoyaltyAccountsQuery;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

// tag::list[]
/**
 * Lists a customer's accounts from the read model {@link LoyaltyProjection} keeps. It reads every document, which
 * suits a sample; a production read model would keep an index by customer.
 */
public final class LoyaltyAccountList implements ListLoyaltyAccountsQuery {

    private final KeyValueReadModel<LoyaltyAccountSummary> summaries;

    public LoyaltyAccountList(KeyValueStore store, Codec codec) {
        this.summaries = LoyaltyProjection.readModel(store, codec);
    }

    @Override
    public List<LoyaltyAccountView> accountsOf(String customerId) {
        List<LoyaltyAccountView> accounts = new ArrayList<>();
        summaries.forEach(summary -> {
            if (summary.customerId().equals(customerId)) {
                accounts.add(summary.toView());
            }
        });
        return accounts;
    }
}
// end::list[]
