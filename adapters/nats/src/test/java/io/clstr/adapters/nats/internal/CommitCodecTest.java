package io.clstr.adapters.nats.internal;

import io.clstr.adapters.nats.RandomText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

class CommitCodecTest {

    private static final StreamId STREAM = StreamId.of("order", "o-1");
    private static final Instant RECORDED = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void decodes_every_commit_it_encodes() {
        Random random = new Random(6);
        for (int round = 0; round < 300; round++) {
            decodesWhatItEncodes(commit(random), links(random));
        }
    }

    private static void decodesWhatItEncodes(List<EventData> events, long[] links) {
        byte[] body = CommitCodec.frame(links, CommitCodec.encodeEvents(events));

        List<RecordedEvent> decoded = CommitCodec.decode(body, STREAM, 7, events.size(), 99, RECORDED);

        assertThat(CommitCodec.links(body)).containsExactly(links);
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

    @Test
    void writes_the_documented_compact_layout() {
        byte[] body = CommitCodec.frame(new long[] {300, 298}, CommitCodec.encodeEvents(List.of(
                new EventData("a", new byte[] {1, 2}),
                new EventData("é", new byte[0], Map.of("k", "v")))));

        assertThat(body).containsExactly(
                1,                              // format
                2, (byte) 0xAC, 2, 2,           // two links: 300 (varint), then the distance 2
                2,                              // event count
                1, 'a', 0, 2, 1, 2,             // type "a", no metadata, 2 data bytes
                2, (byte) 0xC3, (byte) 0xA9,    // type "é"
                1, 1, 'k', 1, 'v',              // one metadata entry
                0);                             // no data
    }

    @Test
    void links_a_new_commit_to_the_head_and_the_heads_own_links_up_to_the_maximum() {
        long[] headLinks = new long[CommitCodec.MAX_LINKS];
        for (int i = 0; i < headLinks.length; i++) {
            headLinks[i] = 100 - i * 5L;
        }

        long[] links = CommitCodec.linksAfter(200, headLinks);

        assertThat(links).hasSize(CommitCodec.MAX_LINKS);
        assertThat(links[0]).isEqualTo(200);
        assertThat(Arrays.copyOfRange(links, 1, links.length))
                .containsExactly(Arrays.copyOf(headLinks, CommitCodec.MAX_LINKS - 1));
        assertThat(CommitCodec.linksAfter(0, new long[0])).isEmpty();
        assertThat(CommitCodec.linksAfter(7, new long[0])).containsExactly(7);
    }

    @Test
    void rejects_truncated_or_foreign_bodies() {
        byte[] body = CommitCodec.frame(new long[] {5}, CommitCodec.encodeEvents(
                List.of(new EventData("type.v1", "data".getBytes()))));

        for (int length = 0; length < body.length; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> CommitCodec.decode(truncated, STREAM, 1, 1, 1, RECORDED))
                    .as("first %d bytes", length).isInstanceOf(MalformedFrameException.class);
        }
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> CommitCodec.decode(longer, STREAM, 1, 1, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> CommitCodec.decode("{\"json\":1}".getBytes(), STREAM, 1, 1, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> CommitCodec.links(new byte[] {1, 2, 5, 0}))
                .as("links that do not decrease").isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejects_hostile_counts_and_lengths_before_allocating_for_them() {
        // Each of these would have sized an array for billions of items (OutOfMemoryError) or a negative one.
        long huge = Integer.MAX_VALUE - 8;
        List<byte[]> hostile = List.of(
                new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(huge).writeRaw(new byte[8]).toByteArray(),
                new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(1).writeString("t")
                        .writeVarLong(huge).writeRaw(new byte[8]).toByteArray(),
                new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(1).writeVarLong(huge)
                        .writeRaw(new byte[8]).toByteArray(),
                new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(1).writeString("t").writeVarLong(0)
                        .writeVarLong(huge).writeRaw(new byte[8]).toByteArray(),
                // Ten-byte varints that decode to negative numbers: a count, a type length, a data length.
                withNegativeVarint(new FrameWriter(16).writeByte(1).writeVarLong(0)),
                withNegativeVarint(new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(1)),
                withNegativeVarint(new FrameWriter(16).writeByte(1).writeVarLong(0).writeVarLong(1).writeString("t")
                        .writeVarLong(0)),
                withNegativeVarint(new FrameWriter(16).writeByte(1)));

        for (byte[] body : hostile) {
            assertThatThrownBy(() -> CommitCodec.decode(body, STREAM, 1, 1, 1, RECORDED))
                    .as(Arrays.toString(body)).isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void rejects_a_body_whose_event_count_differs_from_its_header() {
        byte[] body = CommitCodec.frame(new long[0], CommitCodec.encodeEvents(
                List.of(new EventData("a", new byte[1]), new EventData("b", new byte[1]))));

        assertThat(CommitCodec.decode(body, STREAM, 1, 2, 1, RECORDED)).hasSize(2);
        assertThatThrownBy(() -> CommitCodec.decode(body, STREAM, 1, 1, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> CommitCodec.decode(body, STREAM, 1, 3, 1, RECORDED))
                .isInstanceOf(MalformedFrameException.class);
    }

    /** The writer's bytes followed by a varint of 2^63 + 5, which a signed reading makes negative. */
    private static byte[] withNegativeVarint(FrameWriter writer) {
        byte[] negative = {(byte) 0x85, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        return writer.writeRaw(negative).writeRaw(new byte[8]).toByteArray();
    }

    private static List<EventData> commit(Random random) {
        List<EventData> events = new ArrayList<>();
        int count = 1 + random.nextInt(20);
        while (events.size() < count) {
            String type = text(random);
            if (type.isBlank()) {
                continue;
            }
            byte[] data = new byte[random.nextInt(301)];
            random.nextBytes(data);
            Map<String, String> metadata = new HashMap<>();
            for (int m = random.nextInt(5); m > 0; m--) {
                metadata.put(text(random), text(random));
            }
            events.add(new EventData(type, data, metadata));
        }
        return events;
    }

    private static String text(Random random) {
        return random.nextBoolean() ? RandomText.any(random, 0, 30) : RandomText.from(random, "a\u00e9\u65e5\u0000", 0, 5);
    }

    /** Up to {@code MAX_LINKS} distinct positions, newest first. */
    private static long[] links(Random random) {
        TreeSet<Long> positions = new TreeSet<>();
        for (int i = random.nextInt(CommitCodec.MAX_LINKS + 1); i > 0; i--) {
            positions.add(1 + Math.floorMod(random.nextLong(), Long.MAX_VALUE / 2));
        }
        return positions.descendingSet().stream().mapToLong(Long::longValue).toArray();
    }
}
