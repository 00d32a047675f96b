package io.clstr.adapters.javalin.loyalty;

import io.clstr.adapters.javalin.RouteGroup;
import io.clstr.adapters.javalin.internal.FieldErrors;
import io.clstr.adapters.javalin.internal.Parameters;
import io.clstr.adapters.javalin.internal.RouteSupport;
import io.clstr.ports.in.UseCases;
import io.clstr.ports.in.loyalty.ListLoyaltyAccountsQuery;
import io.clstr.ports.in.loyalty.LoyaltyAccountUseCases;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

// tag::routes[]
/**
 * The loyalty account API: thin handlers that parse, validate, call one port and write its answer. An account is
 * written as the port's view: the API shows exactly its fields.
 */
public final class LoyaltyRoutes implements RouteGroup.Routes {

    private static final String UNKNOWN_ACCOUNT = "No loyalty account with this id was opened.";

    private final LoyaltyAccountUseCases accounts;
    private final ListLoyaltyAccountsQuery list;
    private final RouteSupport http;

    public LoyaltyRoutes(UseCases useCases, RouteSupport http) {
        accounts = useCases.get(LoyaltyAccountUseCases.class);
        list = useCases.get(ListLoyaltyAccountsQuery.class);
        this.http = http;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/loyalty-accounts/{id}/open", this::open);
        routes.post("/loyalty-accounts/{id}/earn", this::earn);
        routes.post("/loyalty-accounts/{id}/redeem", this::redeem);
        routes.get("/loyalty-accounts/{id}", this::get);
        routes.get("/loyalty-accounts", this::list);
    }

    private void open(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        String customerId = http.bodies().required(ctx, Opening.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> accounts.openAccount(accountId, customerId, request), this::ok);
    }

    private void earn(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        long earned = http.bodies().required(ctx, Points.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> accounts.earnPoints(accountId, earned, request), this::ok);
    }

    private void redeem(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        long redeemed = http.bodies().required(ctx, Points.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> accounts.redeemPoints(accountId, redeemed, request), this::ok);
    }

    private void get(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        http.calls().query(ctx, () -> accounts.getAccount(accountId), UNKNOWN_ACCOUNT, this::answer);
    }

    /** The read model answers from the key-value store, so this handler calls it directly. */
    private void list(Context ctx) {
        FieldErrors errors = new FieldErrors();
        Parameters query = Parameters.query(ctx, List.of("customerId"), errors);
        String customerId = errors.id("customerId", query.get("customerId"));
        errors.throwIfAny();
        http.responses().json(ctx, 200, new AccountList(list.accountsOf(customerId)));
    }

    private void ok(Context ctx, CommandOutcome.Accepted<LoyaltyAccountView> accepted) {
        http.responses().accepted(ctx, 200, accepted, accepted.view().version(), accepted.view());
    }

    private void answer(Context ctx, LoyaltyAccountView view) {
        http.responses().versioned(ctx, view.version(), view);
    }

    /** {@code POST /loyalty-accounts/{id}/open}. */
    public record Opening(String customerId) {
        String validated() {
            return FieldErrors.validate(errors -> errors.id("customerId", customerId));
        }
    }

    /** {@code POST /loyalty-accounts/{id}/earn} and {@code .../redeem}. */
    public record Points(Long points) {
        long validated() {
            return FieldErrors.validate(errors -> errors.positive("points", points));
        }
    }

    /** {@code GET /loyalty-accounts?customerId=...}. */
    public record AccountList(List<LoyaltyAccountView> items) {
    }
}
// end::routes[]
