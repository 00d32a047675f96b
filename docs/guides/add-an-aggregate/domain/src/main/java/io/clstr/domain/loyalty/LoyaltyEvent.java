package io.clstr.domain.loyalty;

import java.time.Instant;

// tag::events[]
/** What happened to a loyalty account. */
public sealed interface LoyaltyEvent {

    record AccountOpened(String customerId, Instant openedAt) implements LoyaltyEvent {
    }

    record PointsEarned(long points) implements LoyaltyEvent {
    }

    record PointsRedeemed(long points) implements LoyaltyEvent {
    }
}
// end::events[]
