package io.clstr.application.loyalty;

import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.KeyValueReadModel;
import io.clstr.application.eventsourcing.Projection;
import io.clstr.application.eventsourcing.ProjectionCommit;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.loyalty.LoyaltyAccountAggregate;
import io.clstr.domain.loyalty.LoyaltyEvent.AccountOpened;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsEarned;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsRedeemed;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.Set;

// tag::projection[]
/**
 * Keeps the loyalty read model: one {@link LoyaltyAccountSummary} per account, which {@link LoyaltyAccountList}
 * lists by customer. Idempotent through {@link KeyValueReadModel}, so it is safe to replay.
 */
public final class LoyaltyProjection implements Projection {

    /** The projection's name: its checkpoint and metrics are filed under it. */
    public static final String NAME = "loyalty-accounts";

    private final KeyValueReadModel<LoyaltyAccountSummary> summaries;

    public LoyaltyProjection(KeyValueStore store, Codec codec) {
        this.summaries = readModel(store, codec);
    }

    static KeyValueReadModel<LoyaltyAccountSummary> readModel(KeyValueStore store, Codec codec) {
        return new KeyValueReadModel<>(store, codec, "loyalty-accounts", LoyaltyAccountSummary.class,
                LoyaltyAccountSummary::version);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<AggregateType> aggregateTypes() {
        return Set.of(LoyaltyAccountAggregate.TYPE);
    }

    @Override
    public void apply(ProjectionCommit commit) {
        summaries.apply(commit, LoyaltyProjection::evolve);
    }

    @Override
    public void reset() {
        summaries.clear();
    }

    static LoyaltyAccountSummary evolve(LoyaltyAccountSummary current, EventEnvelope<?> envelope) {
        Object event = envelope.event();
        if (event instanceof AccountOpened opened) {
            return new LoyaltyAccountSummary(envelope.stream().id(), opened.customerId(), 0, envelope.version());
        }
        if (current == null) {
            throw new IllegalStateException("account " + envelope.stream().id() + " has a " + envelope.type()
                    + " event but was never opened");
        }
        if (event instanceof PointsEarned earned) {
            return current.withPoints(current.points() + earned.points(), envelope.version());
        }
        if (event instanceof PointsRedeemed redeemed) {
            return current.withPoints(current.points() - redeemed.points(), envelope.version());
        }
        throw new IllegalArgumentException("the loyalty read model does not know " + event.getClass().getName());
    }
}
// end::projection[]
