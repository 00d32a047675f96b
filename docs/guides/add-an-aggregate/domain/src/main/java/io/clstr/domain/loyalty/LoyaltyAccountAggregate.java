package io.clstr.domain.loyalty;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.kernel.Decision;
import io.clstr.domain.kernel.Rejection;
import io.clstr.domain.loyalty.LoyaltyCommand.EarnPoints;
import io.clstr.domain.loyalty.LoyaltyCommand.OpenAccount;
import io.clstr.domain.loyalty.LoyaltyCommand.RedeemPoints;
import io.clstr.domain.loyalty.LoyaltyEvent.AccountOpened;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsEarned;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsRedeemed;

// tag::aggregate[]
/** A loyalty account: opened once, then points earned and redeemed; the balance never goes below zero. */
public final class LoyaltyAccountAggregate implements Aggregate<LoyaltyCommand, LoyaltyEvent, LoyaltyAccount> {

    /** The aggregate type {@code loyalty-account}: part of stream names, shard keys and metric labels. */
    public static final AggregateType TYPE = AggregateType.of("loyalty-account");

    // The codes with which an account refuses a command. Clients match on them: never rename one.
    public static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    public static final String ACCOUNT_ALREADY_OPEN = "ACCOUNT_ALREADY_OPEN";
    public static final String INVALID_POINTS = "INVALID_POINTS";
    public static final String INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS";

    @Override
    public AggregateType type() {
        return TYPE;
    }

    @Override
    public LoyaltyAccount initialState(String id) {
        return new LoyaltyAccount(id, null, 0, null);
    }

    @Override
    public Decision<LoyaltyEvent> decide(LoyaltyCommand command, LoyaltyAccount account) {
        if (command instanceof OpenAccount open) {
            return account.opened()
                    ? Decision.reject(ACCOUNT_ALREADY_OPEN, "account " + account.id() + " is already open")
                    : Decision.accept(new AccountOpened(open.customerId(), open.openedAt()));
        }
        if (!account.opened()) {
            return Decision.reject(Rejection.notFound(ACCOUNT_NOT_FOUND, "account " + account.id() + " was never opened"));
        }
        if (command instanceof EarnPoints earn) {
            if (earn.points() <= 0 || earn.points() > Long.MAX_VALUE - account.points()) {
                return Decision.reject(INVALID_POINTS, "cannot earn " + earn.points() + " points");
            }
            return Decision.accept(new PointsEarned(earn.points()));
        }
        if (command instanceof RedeemPoints redeem) {
            if (redeem.points() <= 0) {
                return Decision.reject(INVALID_POINTS, "cannot redeem " + redeem.points() + " points");
            }
            if (redeem.points() > account.points()) {
                return Decision.reject(INSUFFICIENT_POINTS,
                        "account " + account.id() + " has " + account.points() + " points, not " + redeem.points());
            }
            return Decision.accept(new PointsRedeemed(redeem.points()));
        }
        throw new IllegalArgumentException("unknown loyalty command " + command.getClass().getName());
    }

    @Override
    public LoyaltyAccount evolve(LoyaltyAccount account, LoyaltyEvent event) {
        if (event instanceof AccountOpened opened) {
            return new LoyaltyAccount(account.id(), opened.customerId(), 0, opened.openedAt());
        }
        if (event instanceof PointsEarned earned) {
            return new LoyaltyAccount(account.id(), account.customerId(), account.points() + earned.points(),
                    account.openedAt());
        }
        if (event instanceof PointsRedeemed redeemed) {
            return new LoyaltyAccount(account.id(), account.customerId(), account.points() - redeemed.points(),
                    account.openedAt());
        }
        throw new IllegalArgumentException("unknown loyalty event " + event.getClass().getName());
    }

    @Override
    public Class<LoyaltyCommand> commandType() {
        return LoyaltyCommand.class;
    }

    @Override
    public Class<LoyaltyEvent> eventType() {
        return LoyaltyEvent.class;
    }

    @Override
    public Class<LoyaltyAccount> stateType() {
        return LoyaltyAccount.class;
    }
}
// end::aggregate[]
