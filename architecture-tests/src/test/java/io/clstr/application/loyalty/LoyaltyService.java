package io.clstr.application.loyalty;

import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandOutcomes;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.ports.in.loyalty.ChangeLoyaltyPointsUseCase;
import io.clstr.ports.in.loyalty.GetLoyaltyAccountQuery;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.in.loyalty.OpenLoyaltyAccountUseCase;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

// tag::service[]
/**
 * The loyalty use cases: turns requests into commands (stamping time from the clock), sends them to the account's
 * entity wherever it lives, and maps the outcome into views.
 */
public final class LoyaltyService implements OpenLoyaltyAccountUseCase, ChangeLoyaltyPointsUseCase,
        GetLoyaltyAccountQuery {

    private final CommandGateway<LoyaltyCommand, LoyaltyAccount> accounts;
    private final Clock clock;
    private final Duration readTimeout;

    public LoyaltyService(CommandGateway<LoyaltyCommand, LoyaltyAccount> accounts, Clock clock, Duration readTimeout) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> openAccount(String accountId, String customerId,
            RequestContext context) {
        return send(accountId, () -> new LoyaltyCommand.OpenAccount(customerId, clock.instant()), context);
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> earnPoints(String accountId, long points,
            RequestContext context) {
        return send(accountId, () -> new LoyaltyCommand.EarnPoints(points), context);
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> redeemPoints(String accountId, long points,
            RequestContext context) {
        return send(accountId, () -> new LoyaltyCommand.RedeemPoints(points), context);
    }

    @Override
    public CompletionStage<Optional<LoyaltyAccountView>> getAccount(String accountId) {
        return CommandOutcomes.translated(accounts.state(accountId, readTimeout).thenApply(current ->
                current.state().opened() ? Optional.of(view(current.state(), current.version())) : Optional.empty()));
    }

    /** Builds the command (invalid input fails the returned stage) and sends it to the account. */
    private CompletionStage<CommandOutcome<LoyaltyAccountView>> send(String accountId,
            Supplier<LoyaltyCommand> command, RequestContext context) {
        try {
            CommandRequest<LoyaltyCommand> request = new CommandRequest<>(accountId, command.get(),
                    context.commandId(), context.expectedVersion());
            return CommandOutcomes.outcome(accounts.execute(request, context.timeout()), LoyaltyService::view);
        } catch (RuntimeException e) {
            return CommandOutcomes.failed(e);
        }
    }

    private static LoyaltyAccountView view(LoyaltyAccount account, long version) {
        return new LoyaltyAccountView(account.id(), account.customerId(), account.points(), version);
    }
}
// end::service[]
