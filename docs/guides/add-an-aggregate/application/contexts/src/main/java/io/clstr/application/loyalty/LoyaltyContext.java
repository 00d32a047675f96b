package io.clstr.application.loyalty;

import io.clstr.application.context.BoundedContext;
import io.clstr.application.context.ContextSetup;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyAccountAggregate;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.domain.loyalty.LoyaltyEvent;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

// tag::context[]
/** Loyalty accounts: their entities, the read model of a customer's accounts, and the use cases. */
public final class LoyaltyContext implements BoundedContext {

    private final LoyaltyAccountAggregate accounts = new LoyaltyAccountAggregate();

    // tag::types[]
    /**
     * The stored and transmitted names of the account's types and of the read model's document. Names are part of
     * the data: never change one; add a new version with an upcaster instead.
     */
    @Override
    public TypeCatalog types() {
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
    // end::types[]

    @Override
    public List<Aggregate<?, ?, ?>> aggregates() {
        return List.of(accounts);
    }

    @Override
    public void start(ContextSetup setup) {
        setup.followOnOneNode("loyalty read model", new LoyaltyProjection(setup.keyValues(), setup.codec()));
        setup.offer(new LoyaltyService(setup.gateway(accounts), setup.clock(), setup.requestTimeout()));
        setup.offer(setup.closeOnStop("loyalty account list", new LoyaltyAccountList(setup.keyValues(),
                setup.codec())));
    }
}
// end::context[]
