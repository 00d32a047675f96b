package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamHeadsTest {

    @Test
    void keeps_the_later_of_two_heads() {
        StreamHeads heads = new StreamHeads(10);
        heads.offer("s", new StreamHead(5, 50, new long[0]));

        heads.offer("s", new StreamHead(4, 40, new long[0]));
        assertThat(heads.get("s").version()).isEqualTo(5);

        heads.offer("s", new StreamHead(6, 60, new long[0]));
        assertThat(heads.get("s").version()).isEqualTo(6);
    }

    @Test
    void forgets_a_stale_head_but_not_a_later_one_learnt_meanwhile() {
        StreamHeads heads = new StreamHeads(10);
        StreamHead stale = new StreamHead(5, 50, new long[0]);
        heads.offer("s", stale);
        heads.offer("s", new StreamHead(6, 60, new long[0]));

        heads.forget("s", stale);
        assertThat(heads.get("s").version()).isEqualTo(6);

        heads.forget("s", heads.get("s"));
        assertThat(heads.get("s")).isNull();
    }

    @Test
    void evicts_the_least_recently_used_head_when_full() {
        StreamHeads heads = new StreamHeads(2);
        heads.offer("a", new StreamHead(1, 1, new long[0]));
        heads.offer("b", new StreamHead(1, 2, new long[0]));
        heads.get("a");

        heads.offer("c", new StreamHead(1, 3, new long[0]));

        assertThat(heads.size()).isEqualTo(2);
        assertThat(heads.get("a")).isNotNull();
        assertThat(heads.get("b")).isNull();
        assertThat(heads.get("c")).isNotNull();
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
