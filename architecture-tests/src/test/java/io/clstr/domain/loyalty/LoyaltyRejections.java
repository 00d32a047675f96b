package io.clstr.domain.loyalty;

// tag::rejections[]
/** The codes with which a loyalty account refuses a command. Clients match on them: never rename one. */
public final class LoyaltyRejections {

    public static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    public static final String ACCOUNT_ALREADY_OPEN = "ACCOUNT_ALREADY_OPEN";
    public static final String INVALID_POINTS = "INVALID_POINTS";
    public static final String INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS";

    private LoyaltyRejections() {
    }
}
// end::rejections[]
