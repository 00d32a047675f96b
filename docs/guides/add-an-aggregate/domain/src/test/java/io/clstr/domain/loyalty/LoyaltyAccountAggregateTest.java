package io.clstr.domain.loyalty;

import static io.clstr.domain.loyalty.LoyaltyAccountAggregate.ACCOUNT_ALREADY_OPEN;
import static io.clstr.domain.loyalty.LoyaltyAccountAggregate.ACCOUNT_NOT_FOUND;
import static io.clstr.domain.loyalty.LoyaltyAccountAggregate.INSUFFICIENT_POINTS;
import static io.clstr.domain.loyalty.LoyaltyAccountAggregate.INVALID_POINTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.testing.AggregateScenario;
import io.clstr.domain.kernel.testing.SealedFamilies;
import io.clstr.domain.loyalty.LoyaltyCommand.EarnPoints;
import io.clstr.domain.loyalty.LoyaltyCommand.OpenAccount;
import io.clstr.domain.loyalty.LoyaltyCommand.RedeemPoints;
import io.clstr.domain.loyalty.LoyaltyEvent.AccountOpened;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsEarned;
import io.clstr.domain.loyalty.LoyaltyEvent.PointsRedeemed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// tag::tests[]
class LoyaltyAccountAggregateTest {

    private static final Instant OPENED_AT = Instant.parse("2026-01-05T10:00:00Z");
    private static final AccountOpened OPENED = new AccountOpened("customer-1", OPENED_AT);

    private static AggregateScenario<LoyaltyCommand, LoyaltyEvent, LoyaltyAccount> anAccount() {
        return AggregateScenario.of(new LoyaltyAccountAggregate(), "account-1");
    }

    @Test
    void opens_an_account_once() {
        anAccount().when(new OpenAccount("customer-1", OPENED_AT)).thenEmits(OPENED)
                .thenState(account -> assertThat(account.opened()).isTrue());
        anAccount().given(OPENED).when(new OpenAccount("customer-2", OPENED_AT)).thenRejects(ACCOUNT_ALREADY_OPEN);
    }

    @Test
    void earns_and_redeems_points() {
        anAccount()
                .given(OPENED, new PointsEarned(100))
                .when(new RedeemPoints(30))
                .thenEmits(new PointsRedeemed(30))
                .thenState(account -> assertThat(account.points()).isEqualTo(70));
    }

    @Test
    void never_redeems_more_than_the_balance() {
        anAccount().given(OPENED, new PointsEarned(100)).when(new RedeemPoints(101)).thenRejects(INSUFFICIENT_POINTS);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void refuses_amounts_that_are_not_positive(long points) {
        anAccount().given(OPENED).when(new EarnPoints(points)).thenRejects(INVALID_POINTS);
        anAccount().given(OPENED).when(new RedeemPoints(points)).thenRejects(INVALID_POINTS);
    }

    @Test
    void refuses_everything_but_opening_before_it_is_open() {
        anAccount().when(new EarnPoints(10)).thenRejects(ACCOUNT_NOT_FOUND);
    }

    @Test
    void handles_every_command_and_event_type() {
        List<LoyaltyCommand> commands = List.of(new OpenAccount("customer-1", OPENED_AT), new EarnPoints(1),
                new RedeemPoints(1));
        List<LoyaltyEvent> events = List.of(OPENED, new PointsEarned(1), new PointsRedeemed(1));
        SealedFamilies.assertSamplesCoverEveryLeaf(LoyaltyCommand.class, commands);
        SealedFamilies.assertSamplesCoverEveryLeaf(LoyaltyEvent.class, events);
        LoyaltyAccountAggregate aggregate = new LoyaltyAccountAggregate();
        LoyaltyAccount open = aggregate.evolve(aggregate.initialState("account-1"), OPENED);
        commands.forEach(command -> assertThat(aggregate.decide(command, open)).isNotNull());
        events.forEach(event -> assertThat(aggregate.evolve(open, event)).isNotNull());
    }
}
// end::tests[]
