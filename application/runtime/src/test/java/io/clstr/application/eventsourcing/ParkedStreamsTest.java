package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkedStreamsTest {

    private static final StreamId FIRST = StreamId.of("count", "c-1");
    private static final StreamId SECOND = StreamId.of("count", "c-2");

    private final ParkedStreams parked = new ParkedStreams();

    private static ParkedCommit parkedAt(StreamId stream, long position) {
        return new ParkedCommit("tallies", position, stream, 1, 1, List.of("count.incremented.v1"), 1, "boom",
                Instant.EPOCH);
    }

    @Test
    void a_later_commit_finds_the_latest_parked_one_of_its_stream() {
        parked.reset(List.of(parkedAt(FIRST, 10), parkedAt(FIRST, 20), parkedAt(SECOND, 15)));

        assertThat(parked.parkedBefore(FIRST, 30)).isEqualTo(20L);
        assertThat(parked.parkedBefore(FIRST, 20)).isEqualTo(10L);
        assertThat(parked.parkedBefore(FIRST, 10)).isNull();
        assertThat(parked.parkedBefore(StreamId.of("count", "c-3"), 30)).isNull();
        assertThat(parked.contains(FIRST, 20)).isTrue();
        assertThat(parked.contains(SECOND, 20)).isFalse();
    }

    @Test
    void counts_what_was_indexed_and_what_was_parked_since() {
        parked.reset(List.of(parkedAt(FIRST, 10)));
        parked.park(SECOND, 12);

        assertThat(parked.count()).isEqualTo(2);
        assertThat(parked.parkedBefore(SECOND, 13)).isEqualTo(12L);

        parked.reset(List.of());
        assertThat(parked.count()).isZero();
        assertThat(parked.parkedBefore(SECOND, 13)).isNull();
    }
}
