package io.clstr.domain.loyalty;

import java.time.Instant;
import java.util.Objects;

// tag::commands[]
/** What a client may ask of a loyalty account. */
public sealed interface LoyaltyCommand {

    /** Opens the account for a customer; the caller stamps the time. */
    record OpenAccount(String customerId, Instant openedAt) implements LoyaltyCommand {
        public OpenAccount {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(openedAt, "openedAt");
        }
    }

    /** Adds points. Whether the amount is acceptable is a business decision, made by the decider. */
    record EarnPoints(long points) implements LoyaltyCommand {
    }

    /** Spends points. */
    record RedeemPoints(long points) implements LoyaltyCommand {
    }
}
// end::commands[]
