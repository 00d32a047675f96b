package io.clstr.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.AppendResult;
import org.junit.jupiter.api.Test;

class RecentCommitsTest {

    @Test
    void finds_every_commit_of_the_window_while_it_grows_and_wraps() {
        RecentCommits recent = new RecentCommits();

        for (int i = 1; i <= RecentCommits.WINDOW * 3; i++) {
            recent.remember("commit-" + i, new AppendResult(i, i * 10L));

            int oldestRemembered = Math.max(1, i - RecentCommits.WINDOW + 1);
            assertThat(recent.find("commit-" + i)).isEqualTo(new AppendResult(i, i * 10L));
            assertThat(recent.find("commit-" + oldestRemembered))
                    .isEqualTo(new AppendResult(oldestRemembered, oldestRemembered * 10L));
            assertThat(recent.find("commit-" + (oldestRemembered - 1))).isNull();
        }
    }

    @Test
    void finds_nothing_for_an_unknown_id() {
        RecentCommits recent = new RecentCommits();
        recent.remember("commit-1", new AppendResult(1, 1));

        assertThat(recent.find("commit-2")).isNull();
    }
}
