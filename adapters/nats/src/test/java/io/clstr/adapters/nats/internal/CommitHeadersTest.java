package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CommitHeadersTest {

    @Example
    void expects_sequence_zero_for_a_new_aggregate_and_names_the_commit() {
        Headers headers = CommitHeaders.forAppend("commit-1", 0, 1, 3, new long[0]);

        assertThat(headers.getFirst("Nats-Expected-Last-Subject-Sequence")).isEqualTo("0");
        assertThat(headers.getFirst("Nats-Msg-Id")).isEqualTo("commit-1");
        assertThat(headers.getFirst("Clstr-Version")).isEqualTo("1");
        assertThat(headers.getFirst("Clstr-Events")).isEqualTo("3");
        assertThat(headers.containsKey("Clstr-Earlier")).isFalse();
    }

    @Example
    void never_sends_the_subject_scoped_expectation_that_turns_the_check_off_on_nats_2_9() {
        Headers headers = CommitHeaders.forAppend("commit-1", 41, 5, 1, new long[] {41, 30});

        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("Nats-Expected-Last-Subject-Sequence-"));
        assertThat(headers.keySet()).containsExactlyInAnyOrder("Nats-Msg-Id", "Nats-Expected-Last-Subject-Sequence",
                "Clstr-Version", "Clstr-Events", "Clstr-Earlier");
    }

    @Example
    void links_a_new_commit_to_the_head_and_the_heads_own_links_up_to_the_maximum() {
        long[] headLinks = new long[CommitHeaders.MAX_EARLIER];
        for (int i = 0; i < headLinks.length; i++) {
            headLinks[i] = 100 - i * 5L;
        }

        long[] links = CommitHeaders.linksAfter(200, headLinks);

        assertThat(links).hasSize(CommitHeaders.MAX_EARLIER);
        assertThat(links[0]).isEqualTo(200);
        assertThat(Arrays.copyOfRange(links, 1, links.length))
                .containsExactly(Arrays.copyOf(headLinks, CommitHeaders.MAX_EARLIER - 1));
        assertThat(CommitHeaders.linksAfter(0, new long[0])).isEmpty();
        assertThat(CommitHeaders.linksAfter(7, new long[0])).containsExactly(7);
    }

    @Example
    void writes_earlier_links_as_the_newest_then_distances() {
        assertThat(CommitHeaders.formatEarlier(new long[] {1000, 998, 700})).isEqualTo("1000,2,298");
    }

    @Property
    void reads_back_every_list_of_earlier_links(@ForAll("links") long[] links) {
        assertThat(CommitHeaders.parseEarlier(CommitHeaders.formatEarlier(links))).containsExactly(links);
    }

    @Provide
    Arbitrary<long[]> links() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE / 2).set().ofMinSize(1)
                .ofMaxSize(CommitHeaders.MAX_EARLIER)
                .map(set -> set.stream().sorted((a, b) -> Long.compare(b, a)).mapToLong(Long::longValue).toArray());
    }

    @Example
    void rejects_links_that_do_not_decrease() {
        assertThatThrownBy(() -> CommitHeaders.parseEarlier("10,0")).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> CommitHeaders.parseEarlier("10,11")).isInstanceOf(MalformedFrameException.class);
    }

    @Example
    void reads_no_links_from_a_missing_header() {
        assertThat(CommitHeaders.parseEarlier(null)).isEmpty();
        assertThat(CommitHeaders.parseEarlier("")).isEmpty();
    }
}
