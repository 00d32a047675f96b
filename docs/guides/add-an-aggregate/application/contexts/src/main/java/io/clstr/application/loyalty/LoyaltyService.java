package io.clstr.application.loyalty;

import io.clstr.application.eventsourcing.CommandDispatch;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandOutcomes;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.ports.in.loyalty.LoyaltyAccountUseCases;
import io.clstr.ports.in.loyalty.LoyaltyAccountView;
import io.clstr.ports.in.request.CommandOutcome;
import io.clstr.ports.in.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

// tag::service[]
/**
 * The loyalty use cases: turns requests into commands (stamping time from the clock), sends them to the account's
 * entity wherever it lives, and maps the outcome into views.
 */
public final class LoyaltyService implements LoyaltyAccountUseCases {

    private final CommandGateway<LoyaltyCommand, LoyaltyAccount> accounts;
    private final CommandDispatch<LoyaltyCommand, LoyaltyAccount, LoyaltyAccountView> commands;
    private final Clock clock;
    private final Duration readTimeout;

    public LoyaltyService(CommandGateway<LoyaltyCommand, LoyaltyAccount> accounts, Clock clock, Duration readTimeout) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.commands = new CommandDispatch<>(accounts, LoyaltyService::view);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> openAccount(String accountId, String customerId,
            RequestContext context) {
        return commands.send(accountId, () -> new LoyaltyCommand.OpenAccount(customerId, clock.instant()),
                RequestFingerprint.of("open-account", customerId), context);
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> earnPoints(String accountId, long points,
            RequestContext context) {
        return commands.send(accountId, () -> new LoyaltyCommand.EarnPoints(points),
                RequestFingerprint.of("earn-points", points), context);
    }

    @Override
    public CompletionStage<CommandOutcome<LoyaltyAccountView>> redeemPoints(String accountId, long points,
            RequestContext context) {
        return commands.send(accountId, () -> new LoyaltyCommand.RedeemPoints(points),
                RequestFingerprint.of("redeem-points", points), context);
    }

    @Override
    public CompletionStage<Optional<LoyaltyAccountView>> getAccount(String accountId) {
        return CommandOutcomes.translated(accounts.state(accountId, readTimeout).thenApply(current ->
                current.state().opened() ? Optional.of(view(current.state(), current.version())) : Optional.empty()));
    }

    private static LoyaltyAccountView view(LoyaltyAccount account, long version) {
        return new LoyaltyAccountView(account.id(), account.customerId(), account.points(), version);
    }
}
// end::service[]
