package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.Rejection;
import io.clstr.ports.in.request.CommandOutcome;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CommandOutcomesTest {

    private static CommandOutcome<String> outcomeOf(Rejection rejection) {
        CommandResult<String> result = new CommandResult.Rejected<>(rejection, 2, false);
        return CommandOutcomes.outcome(CompletableFuture.completedFuture(result), (state, version) -> state)
                .toCompletableFuture().join();
    }

    @Test
    void a_rejection_of_kind_not_found_is_not_found_whatever_its_code() {
        assertThat(outcomeOf(Rejection.notFound("ACCOUNT_NEVER_OPENED", "no account a-1")))
                .isEqualTo(new CommandOutcome.NotFound<>("no account a-1"));
    }

    @Test
    void any_other_rejection_keeps_its_code() {
        assertThat(outcomeOf(new Rejection("ORDER_NOT_FOUND", "a code is only a name")))
                .isEqualTo(new CommandOutcome.Rejected<>("ORDER_NOT_FOUND", "a code is only a name"));
    }
}
