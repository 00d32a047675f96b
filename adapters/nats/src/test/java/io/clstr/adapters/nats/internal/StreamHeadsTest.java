package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.StreamId;
import org.junit.jupiter.api.Test;

class StreamHeadsTest {

    private static final StreamId A = StreamId.of("order", "a");
    private static final StreamId B = StreamId.of("order", "b");
    private static final StreamId C = StreamId.of("order", "c");

    @Test
    void keeps_the_later_of_two_heads_with_the_subject() {
        StreamHeads heads = new StreamHeads(10);
        heads.offer(A, "subject-a", new StreamHead(5, 50, new long[0]));

        heads.offer(A, "subject-a", new StreamHead(4, 40, new long[0]));
        assertThat(heads.get(A).head().version()).isEqualTo(5);

        heads.offer(A, "subject-a", new StreamHead(6, 60, new long[0]));
        assertThat(heads.get(A).head().version()).isEqualTo(6);
        assertThat(heads.get(A).subject()).isEqualTo("subject-a");
    }

    @Test
    void forgets_a_stale_head_but_not_a_later_one_learnt_meanwhile() {
        StreamHeads heads = new StreamHeads(10);
        StreamHead stale = new StreamHead(5, 50, new long[0]);
        heads.offer(A, "subject-a", stale);
        heads.offer(A, "subject-a", new StreamHead(6, 60, new long[0]));

        heads.forget(A, stale);
        assertThat(heads.get(A).head().version()).isEqualTo(6);

        heads.forget(A, heads.get(A).head());
        assertThat(heads.get(A)).isNull();
    }

    @Test
    void evicts_the_least_recently_used_head_when_full() {
        StreamHeads heads = new StreamHeads(2);
        heads.offer(A, "subject-a", new StreamHead(1, 1, new long[0]));
        heads.offer(B, "subject-b", new StreamHead(1, 2, new long[0]));
        heads.get(A);

        heads.offer(C, "subject-c", new StreamHead(1, 3, new long[0]));

        assertThat(heads.size()).isEqualTo(2);
        assertThat(heads.get(A)).isNotNull();
        assertThat(heads.get(B)).isNull();
        assertThat(heads.get(C)).isNotNull();
    }

    @Test
    void advances_a_head_by_an_append_and_links_the_new_commit_to_it() {
        StreamHead head = new StreamHead(3, 30, new long[] {20, 10});

        StreamHead next = head.advance(2, 45);

        assertThat(next.version()).isEqualTo(5);
        assertThat(next.sequence()).isEqualTo(45);
        assertThat(next.earlier()).containsExactly(30, 20, 10);
    }
}
