package io.clstr.adapters.javalin.internal;

// The guide's LoyaltyRoutes uses the HttpApi it extends; here that is the stand-in of the loyalty package.
import io.clstr.adapters.javalin.loyalty.HttpApi;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

// tag::routes[]
/** The loyalty account API: thin handlers that parse, validate, call one port and map its answer. */
public final class LoyaltyRoutes {

    private static final String UNKNOWN_ACCOUNT = "No loyalty account with this id was opened.";

    private final HttpApi.Loyalty loyalty;
    private final RouteSupport http;

    public LoyaltyRoutes(HttpApi.Loyalty loyalty, RouteSupport http) {
        this.loyalty = loyalty;
        this.http = http;
    }

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
        http.calls().command(ctx, () -> loyalty.open().openAccount(accountId, customerId, request), this::ok);
    }

    private void earn(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        long points = http.bodies().required(ctx, Points.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> loyalty.points().earnPoints(accountId, points, request), this::ok);
    }

    private void redeem(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        long points = http.bodies().required(ctx, Points.class).validated();
        RequestContext request = http.headers().read(ctx);
        http.calls().command(ctx, () -> loyalty.points().redeemPoints(accountId, points, request), this::ok);
    }

    private void get(Context ctx) {
        String accountId = Parameters.pathId(ctx, "id");
        http.calls().query(ctx, () -> loyalty.get().getAccount(accountId), UNKNOWN_ACCOUNT, this::answer);
    }

    /** The read model answers from the key-value store, so this handler calls it directly. */
    private void list(Context ctx) {
        FieldErrors errors = new FieldErrors();
        Parameters query = Parameters.query(ctx, List.of("customerId"), errors);
        String customerId = errors.id("customerId", query.get("customerId"));
        errors.throwIfAny();
        List<Account> accounts = loyalty.list().accountsOf(customerId).stream().map(Account::of).toList();
        http.responses().json(ctx, 200, new AccountList(accounts));
    }

    private void ok(Context ctx, CommandOutcome.Accepted<LoyaltyAccountView> accepted) {
        http.responses().accepted(ctx, 200, accepted, accepted.view().version(), Account.of(accepted.view()));
    }

    private void answer(Context ctx, LoyaltyAccountView view) {
        http.responses().versioned(ctx, view.version(), Account.of(view));
    }

    /** {@code POST /loyalty-accounts/{id}/open}. */
    public record Opening(String customerId) {
        String validated() {
            FieldErrors errors = new FieldErrors();
            String valid = errors.id("customerId", customerId);
            errors.throwIfAny();
            return valid;
        }
    }

    /** {@code POST /loyalty-accounts/{id}/earn} and {@code .../redeem}. */
    public record Points(Long points) {
        long validated() {
            FieldErrors errors = new FieldErrors();
            Long valid = errors.positive("points", points);
            errors.throwIfAny();
            return valid;
        }
    }

    /** An account as the API shows it. */
    public record Account(String accountId, String customerId, long points, long version) {
        static Account of(LoyaltyAccountView view) {
            return new Account(view.accountId(), view.customerId(), view.points(), view.version());
        }
    }

    /** {@code GET /loyalty-accounts?customerId=...}. */
    public record AccountList(List<Account> items) {
    }
}
// end::routes[]
