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
}
