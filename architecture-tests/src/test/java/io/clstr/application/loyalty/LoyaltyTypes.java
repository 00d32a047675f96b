package io.clstr.application.loyalty;

import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.domain.loyalty.LoyaltyEvent;
import io.clstr.ports.out.codec.TypeCatalog;

// tag::catalog[]
/**
 * The stored and transmitted names of the loyalty account's types, and of its read model's document. Names are
 * part of the data: never change one; add a new version with an upcaster instead.
 */
public final class LoyaltyTypes {

    private LoyaltyTypes() {
    }

    public static TypeCatalog catalog() {
        return TypeCatalog.empty()
                .with("loyalty.account-opened.v1", LoyaltyEvent.AccountOpened.class)
                .with("loyalty.points-earned.v1", LoyaltyEvent.PointsEarned.class)
                .with("loyalty.points-redeemed.v1", LoyaltyEvent.PointsRedeemed.class)
                .with("loyalty.open-account.v1", LoyaltyCommand.OpenAccount.class)
                .with("loyalty.earn-points.v1", LoyaltyCommand.EarnPoints.class)
                .with("loyalty.redeem-points.v1", LoyaltyCommand.RedeemPoints.class)
                .with("loyalty.account.v1", LoyaltyAccount.class)
                .with("loyalty.account-summary.v1", LoyaltyAccountSummary.class);
    }
}
// end::catalog[]
