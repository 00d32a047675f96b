package io.clstr.application.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.jackson.GoldenFiles;
import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.domain.kernel.testing.SealedFamilies;
import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.domain.loyalty.LoyaltyEvent;
import io.clstr.ports.out.codec.TypeCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

// tag::catalog-test[]
/** Every loyalty type has a stored name, and each name's JSON is pinned in the context's golden file. */
class LoyaltyCatalogTest {

    private static final TypeCatalog CATALOG = LoyaltyTypes.catalog();
    private static final Instant OPENED_AT = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void every_command_event_and_state_type_is_registered() {
        for (Class<?> family : List.of(LoyaltyCommand.class, LoyaltyEvent.class)) {
            for (Class<?> member : SealedFamilies.leavesOf(family)) {
                assertThat(CATALOG.nameOf(member)).as("stored name of %s", member.getName()).isPresent();
            }
        }
        assertThat(CATALOG.nameOf(LoyaltyAccount.class)).isPresent();
    }

    @TestFactory
    Stream<DynamicTest> stored_formats_match_their_golden_files() {
        Map<String, Object> samples = Map.of(
                "loyalty.account-opened.v1", new LoyaltyEvent.AccountOpened("customer-1", OPENED_AT),
                "loyalty.points-earned.v1", new LoyaltyEvent.PointsEarned(100),
                "loyalty.points-redeemed.v1", new LoyaltyEvent.PointsRedeemed(30),
                "loyalty.open-account.v1", new LoyaltyCommand.OpenAccount("customer-1", OPENED_AT),
                "loyalty.earn-points.v1", new LoyaltyCommand.EarnPoints(100),
                "loyalty.redeem-points.v1", new LoyaltyCommand.RedeemPoints(30),
                "loyalty.account.v1", new LoyaltyAccount("account-1", "customer-1", 70, OPENED_AT),
                "loyalty.account-summary.v1", new LoyaltyAccountSummary("account-1", "customer-1", 70, 3));
        return GoldenFiles.of(Path.of("src/test/resources/golden/loyalty.json"), new JacksonCodec(CATALOG))
                .tests(samples);
    }
}
// end::catalog-test[]
