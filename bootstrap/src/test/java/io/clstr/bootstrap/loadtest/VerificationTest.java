package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.bootstrap.loadtest.Verification.StoredIncrement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load test's check must catch what it claims to catch: a lost and a duplicated increment. */
class VerificationTest {

    private static List<StoredIncrement> increments(String counter, int count) {
        List<StoredIncrement> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(new StoredIncrement(i, counter + "-cmd-" + i, i / 2));
        }
        return events;
    }

    @Test
    void a_faithful_run_is_verified_and_counts_group_commits() {
        Verification.Result result = Verification.check(Map.of("a", 4L, "b", 2L),
                Map.of("a", increments("a", 4), "b", increments("b", 2)), 0);

        assertThat(result.verified()).isTrue();
        assertThat(result.acknowledged()).isEqualTo(6);
        assertThat(result.stored()).isEqualTo(6);
        assertThat(result.appends()).isEqualTo(3 + 2);
    }

    @Test
    void a_lost_increment_fails_the_check() {
        // Acknowledged 4 times, but one of them never reached the store.
        Verification.Result result = Verification.check(Map.of("a", 4L), Map.of("a", increments("a", 3)), 0);

        assertThat(result.verified()).isFalse();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("4 increments acknowledged but 3"));
    }

    @Test
    void a_duplicated_increment_fails_the_check() {
        List<StoredIncrement> events = increments("a", 3);
        events.add(new StoredIncrement(4, "a-cmd-3", 9));

        Verification.Result result = Verification.check(Map.of("a", 3L), Map.of("a", events), 0);

        assertThat(result.verified()).isFalse();
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("a-cmd-3 is stored more than once"))
                .anySatisfy(problem -> assertThat(problem).contains("3 increments acknowledged but 4"));
    }

    @Test
    void a_gap_in_versions_fails_the_check() {
        List<StoredIncrement> events = List.of(new StoredIncrement(1, "x", 1), new StoredIncrement(3, "y", 2));

        assertThat(Verification.check(Map.of("a", 2L), Map.of("a", events), 0).problems())
                .anySatisfy(problem -> assertThat(problem).contains("expected version 2 but found 3"));
    }

    @Test
    void unresolved_increments_widen_the_accepted_total_but_not_beyond() {
        Map<String, List<StoredIncrement>> stored = Map.of("a", increments("a", 5));

        assertThat(Verification.check(Map.of("a", 4L), stored, 1).verified()).isTrue();
        assertThat(Verification.check(Map.of("a", 3L), stored, 1).verified()).isFalse();
    }

    @Test
    void values_read_over_http_must_match_the_acknowledgements() {
        assertThat(Verification.checkValues(Map.of("a", 3L), Map.of("a", 3L), 0).verified()).isTrue();
        assertThat(Verification.checkValues(Map.of("a", 3L), Map.of("a", 4L), 0).verified()).isFalse();
        assertThat(Verification.checkValues(Map.of("a", 3L), Map.of("a", 2L), 0).verified()).isFalse();
    }

    @Test
    void recovery_after_a_kill_is_the_first_second_back_at_80_percent() {
        List<Long> perSecond = List.of(100L, 100L, 100L, 100L, 100L, 10L, 20L, 85L, 100L);

        assertThat(LoadTestReport.recovery(perSecond, 5)).contains(3.0);
        assertThat(LoadTestReport.recovery(List.of(100L, 100L, 0L, 0L), 2)).isEmpty();
    }
}
