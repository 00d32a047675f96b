package io.clstr.ports.in.loyalty;

// tag::view[]
/** A loyalty account as callers see it; {@code version} is its number of events (the HTTP ETag). */
public record LoyaltyAccountView(String accountId, String customerId, long points, long version) {
}
// end::view[]
