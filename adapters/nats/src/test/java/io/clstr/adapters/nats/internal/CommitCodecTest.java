package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CommitCodecTest {

    private static final StreamId STREAM = StreamId.of("order", "o-1");
    private static final Instant RECORDED = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Property(tries = 300)
    void decodes_every_commit_it_encodes(@ForAll("commits") List<EventData> events) {
        List<RecordedEvent> decoded = CommitCodec.decode(CommitCodec.encode(events), STREAM, 7, 99, RECORDED);

        assertThat(decoded).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent event = decoded.get(i);
            assertThat(event.version()).isEqualTo(7 + i);
            assertThat(event.position()).isEqualTo(99);
            assertThat(event.stream()).isEqualTo(STREAM);
            assertThat(event.recordedAt()).isEqualTo(RECORDED);
            assertThat(event.type()).isEqualTo(events.get(i).type());
            assertThat(event.metadata()).isEqualTo(events.get(i).metadata());
            assertThat(event.data()).isEqualTo(events.get(i).data());
        }
    }

    @Example
    void writes_the_documented_compact_layout() {
        byte[] body = CommitCodec.encode(List.of(new EventData("a", new byte[] {1, 2}),
                new EventData("é", new byte[0], java.util.Map.of("k", "v"))));

        assertThat(body).containsExactly(
                1, 2,                           // format, event count
                1, 'a', 0, 2, 1, 2,             // type "a", no metadata, 2 data bytes
                2, (byte) 0xC3, (byte) 0xA9,    // type "é"
                1, 1, 'k', 1, 'v',              // one metadata entry
                0);                             // no data
    }

    @Example
    void rejects_truncated_or_foreign_bodies() {
        byte[] body = CommitCodec.encode(List.of(new EventData("type.v1", "data".getBytes())));

        for (int length = 0; length < body.length; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> CommitCodec.decode(truncated, STREAM, 1, 1, RECORDED))
                    .as("first %d bytes", length).isInstanceOf(MalformedFrameException.class);
        }
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> CommitCodec.decode(longer, STREAM, 1, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> CommitCodec.decode("{\"json\":1}".getBytes(), STREAM, 1, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Provide
    Arbitrary<List<EventData>> commits() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("aé日😀\u0000").ofMaxLength(5));
        Arbitrary<String> type = text.filter(t -> !t.isBlank());
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<java.util.Map<String, String>> metadata = Arbitraries.maps(text, text).ofMaxSize(4);
        Arbitrary<EventData> event = Combinators.combine(type, data, metadata).as(EventData::new);
        return event.list().ofMinSize(1).ofMaxSize(20);
    }
}
