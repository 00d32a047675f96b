package io.clstr.adapters.javalin.loyalty;

import io.clstr.ports.in.loyalty.ChangeLoyaltyPointsUseCase;
import io.clstr.ports.in.loyalty.GetLoyaltyAccountQuery;
import io.clstr.ports.in.loyalty.ListLoyaltyAccountsQuery;
import io.clstr.ports.in.loyalty.OpenLoyaltyAccountUseCase;
import java.util.Objects;

/**
 * Stands in for the adapter's {@code io.clstr.adapters.javalin.HttpApi} as {@code docs/guides/add-an-aggregate.md}
 * extends it: the guide adds the record below to that class, and {@code LoyaltyRoutes} compiles against it here.
 */
public final class HttpApi {

    private HttpApi() {
    }

    // tag::ports[]
    /** The loyalty accounts' use cases and queries. */
    public record Loyalty(OpenLoyaltyAccountUseCase open, ChangeLoyaltyPointsUseCase points,
            GetLoyaltyAccountQuery get, ListLoyaltyAccountsQuery list) {
        public Loyalty {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(list, "list");
        }
    }
    // end::ports[]
}
