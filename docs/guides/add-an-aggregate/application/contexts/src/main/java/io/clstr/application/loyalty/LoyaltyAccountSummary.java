package io.clstr.application.loyalty;

import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import java.util.Objects;

// tag::document[]
/**
 * One account in the loyalty read model, stored as {@code loyalty.account-summary.v1} under
 * {@code loyalty-accounts/<accountId>}.
 *
 * @param version the account's version this document reflects, which makes re-applying an event a no-op
 */
public record LoyaltyAccountSummary(String accountId, String customerId, long points, long version) {

    public LoyaltyAccountSummary {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(customerId, "customerId");
    }

    LoyaltyAccountSummary withPoints(long newPoints, long newVersion) {
        return new LoyaltyAccountSummary(accountId, customerId, newPoints, newVersion);
    }

    LoyaltyAccountView toView() {
        return new LoyaltyAccountView(accountId, customerId, points, version);
    }
}
// end::document[]
