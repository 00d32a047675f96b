package io.clstr.application.loyalty;

import io.clstr.application.eventsourcing.ReadModelView;
import io.clstr.ports.in.loyalty.ListLoyaltyAccountsQuery;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

// tag::list[]
/**
 * Lists a customer's accounts from the read model {@link LoyaltyProjection} keeps, through a copy in memory sorted
 * by customer: a listing reads no store and blocks no thread. The copy holds every account, which suits a sample;
 * a production read model would live in a store with an index by customer.
 */
public final class LoyaltyAccountList implements ListLoyaltyAccountsQuery, AutoCloseable {

    /** Where an account sorts: by customer, then by account id. */
    private record ByCustomer(String customerId, String accountId) {
        static final Comparator<ByCustomer> ORDER =
                Comparator.comparing(ByCustomer::customerId).thenComparing(ByCustomer::accountId);
    }

    private final ReadModelView<ByCustomer, LoyaltyAccountSummary> summaries;

    public LoyaltyAccountList(KeyValueStore store, Codec codec) {
        this.summaries = LoyaltyProjection.readModel(store, codec)
                .view(summary -> new ByCustomer(summary.customerId(), summary.accountId()), ByCustomer.ORDER);
    }

    @Override
    public List<LoyaltyAccountView> accountsOf(String customerId) {
        if (!summaries.loaded()) {
            throw new ServiceUnavailableException("the loyalty accounts are still loading");
        }
        List<LoyaltyAccountView> accounts = new ArrayList<>();
        // A customer's accounts follow (customer, ""): no account id is empty.
        for (LoyaltyAccountSummary summary : summaries.after(new ByCustomer(customerId, ""))) {
            if (!summary.customerId().equals(customerId)) {
                break;
            }
            accounts.add(summary.toView());
        }
        return accounts;
    }

    @Override
    public void close() {
        summaries.close();
    }
}
// end::list[]
