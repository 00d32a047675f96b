package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SnapshotCodecTest {

    private static final StreamId STREAM = StreamId.of("order", "o-1");

    @Property
    void decodes_every_snapshot_it_encodes(@ForAll @LongRange(min = 1) long version,
            @ForAll @LongRange(min = 0) long position, @ForAll int schemaVersion,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long seconds,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos, @ForAll String stateType,
            @ForAll @Size(max = 500) byte[] state) {
        Snapshot snapshot = new Snapshot(STREAM, version, position, stateType, schemaVersion, state,
                Instant.ofEpochSecond(seconds, nanos));

        byte[] stored = SnapshotCodec.encode(snapshot);

        assertThat(SnapshotCodec.decode(STREAM, stored)).usingRecursiveComparison().isEqualTo(snapshot);
        assertThat(SnapshotCodec.versionOf(stored)).isEqualTo(version);
    }

    @Example
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
