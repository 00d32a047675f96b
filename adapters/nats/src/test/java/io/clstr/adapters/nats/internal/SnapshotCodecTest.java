package io.clstr.adapters.nats.internal;

import io.clstr.adapters.nats.RandomText;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

class SnapshotCodecTest {

    private static final StreamId STREAM = StreamId.of("order", "o-1");

    @Test
    void decodes_every_snapshot_it_encodes() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long version = 1 + Math.floorMod(random.nextLong(), Long.MAX_VALUE);
            long position = Math.floorMod(random.nextLong(), Long.MAX_VALUE);
            long seconds = random.nextLong() % 1_000_000_000_000L;
            byte[] state = new byte[random.nextInt(501)];
            random.nextBytes(state);
            Snapshot snapshot = new Snapshot(STREAM, version, position, RandomText.any(random, 0, 30), random.nextInt(),
                    state, Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));

            byte[] stored = SnapshotCodec.encode(snapshot);

            assertThat(SnapshotCodec.decode(STREAM, stored)).usingRecursiveComparison().isEqualTo(snapshot);
            assertThat(SnapshotCodec.versionOf(stored)).isEqualTo(version);
        }
    }

    @Test
    void rejects_truncated_snapshots() {
        byte[] stored = SnapshotCodec.encode(
                new Snapshot(STREAM, 3, 30, "order.state.v1", 1, new byte[] {1, 2, 3}, Instant.EPOCH));

        for (int length = 0; length < stored.length; length++) {
            byte[] truncated = Arrays.copyOf(stored, length);
            assertThatThrownBy(() -> SnapshotCodec.decode(STREAM, truncated)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void rejects_hostile_lengths_and_impossible_values_as_malformed() {
        // A state length of 2 GiB - 1, a negative (ten-byte) one, a type length past the end, version 0,
        // nanos out of range, seconds beyond what an Instant holds.
        List<byte[]> hostile = List.of(
                header(3, 30, 0, 0).writeString("t").writeVarLong(Integer.MAX_VALUE).writeRaw(new byte[4]).toByteArray(),
                header(3, 30, 0, 0).writeString("t").writeRaw(new byte[] {(byte) 0x85, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}).toByteArray(),
                header(3, 30, 0, 0).writeVarLong(1L << 40).writeRaw(new byte[4]).toByteArray(),
                header(0, 30, 0, 0).writeString("t").writeBytes(new byte[1]).toByteArray(),
                header(3, 30, 0, 1_000_000_000).writeString("t").writeBytes(new byte[1]).toByteArray(),
                header(3, 30, 0, -1).writeString("t").writeBytes(new byte[1]).toByteArray(),
                header(3, 30, Long.MAX_VALUE, 0).writeString("t").writeBytes(new byte[1]).toByteArray());

        for (byte[] stored : hostile) {
            assertThatThrownBy(() -> SnapshotCodec.decode(STREAM, stored)).as(Arrays.toString(stored))
                    .isInstanceOf(MalformedFrameException.class);
        }
        assertThat(SnapshotCodec.decode(STREAM, header(3, 30, 0, 0).writeString("t").writeBytes(new byte[1])
                .toByteArray()).version()).isEqualTo(3);
    }

    private static FrameWriter header(long version, long position, long seconds, int nanos) {
        return new FrameWriter(64).writeByte(SnapshotCodec.FORMAT).writeVarLong(version).writeVarLong(position)
                .writeInt(1).writeLong(seconds).writeInt(nanos);
    }
}
