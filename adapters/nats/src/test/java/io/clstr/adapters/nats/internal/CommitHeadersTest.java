package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;

class CommitHeadersTest {

    @Test
    void expects_sequence_zero_for_a_new_aggregate_and_names_the_commit_and_its_versions() {
        Headers headers = CommitHeaders.forAppend("commit-1", 0, 1, 3);

        assertThat(headers.getFirst("Nats-Expected-Last-Subject-Sequence")).isEqualTo("0");
        assertThat(headers.getFirst("Nats-Msg-Id")).isEqualTo("commit-1");
        assertThat(headers.getFirst("Clstr-Commit")).isEqualTo("1-3");
    }

    @Test
    void never_sends_the_subject_scoped_expectation_that_turns_the_check_off_on_nats_2_9() {
        Headers headers = CommitHeaders.forAppend("commit-1", 41, 5, 1);

        assertThat(headers.keySet()).containsExactlyInAnyOrder(
                "Nats-Msg-Id", "Nats-Expected-Last-Subject-Sequence", "Clstr-Commit");
        assertThat(headers.getFirst("Nats-Expected-Last-Subject-Sequence")).isEqualTo("41");
    }

    @Test
    void reads_the_version_range_back() {
        assertThat(CommitHeaders.versionRange("5-5")).containsExactly(5, 5);
        assertThat(CommitHeaders.versionRange("1-1000")).containsExactly(1, 1000);
        assertThat(CommitHeaders.versionRange("3-1002")).containsExactly(3, 1002);
    }

    @Test
    void rejects_malformed_version_ranges_and_ranges_longer_than_an_append() {
        for (String malformed : new String[] {null, "", "5", "-5", "5-", "0-1", "7-6", "a-b", "1-2-3",
                "3-1003", "1-9223372036854775807", "99999999999999999999-1"}) {
            assertThatThrownBy(() -> CommitHeaders.versionRange(malformed)).as("'%s'", malformed)
                    .isInstanceOf(MalformedFrameException.class);
        }
    }
}
