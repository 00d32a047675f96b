package io.clstr.domain.loyalty;

import java.time.Instant;
import java.util.Objects;

// tag::state[]
/**
 * The state of a loyalty account.
 *
 * @param customerId the owner; {@code null} until the account is opened
 * @param points the balance: never negative
 * @param openedAt when it was opened; {@code null} until then
 */
public record LoyaltyAccount(String id, String customerId, long points, Instant openedAt) {

    public LoyaltyAccount {
        Objects.requireNonNull(id, "id");
    }

    /** Whether the account was opened; the initial state of every id is not. */
    public boolean opened() {
        return openedAt != null;
    }
}
// end::state[]
