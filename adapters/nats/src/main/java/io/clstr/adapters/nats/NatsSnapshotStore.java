package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.Failures;
import io.clstr.adapters.nats.internal.KeyValueBucket;
import io.clstr.adapters.nats.internal.MalformedFrameException;
import io.clstr.adapters.nats.internal.SnapshotCodec;
import io.clstr.adapters.nats.internal.TokenCodec;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.snapshot.Snapshot;
import io.clstr.ports.out.snapshot.SnapshotStore;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latest snapshot per aggregate in a JetStream KV bucket, under the key {@code <type>.<encoded id>} (the same
 * reversible id encoding as the event subjects, so look-alike ids never share a key).
 *
 * <p>Saving is a compare-and-set loop on the key's revision: an older or equal snapshot never replaces a newer
 * one, even when several nodes save concurrently. A stored snapshot that cannot be decoded is treated as
 * missing (snapshots are only an optimisation; the stream is replayed instead) and is replaced by the next save.
 * A snapshot must fit in one message: its state takes at most the server's max payload less 2 KiB.
 */
public final class NatsSnapshotStore implements SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSnapshotStore.class);
    private static final int MAX_SAVE_ATTEMPTS = 64;
    /** Room in a message besides the state: the headers of a compare-and-set and the rest of the stored form. */
    private static final int MESSAGE_ALLOWANCE = 2048;
    /** Of that room, what the headers may take; the stored form gets the rest. */
    private static final int HEADER_ALLOWANCE = 512;

    private final NatsClient client;

    private final KeyValue keyValue;
    private final String bucket;

    private NatsSnapshotStore(NatsClient client, KeyValue keyValue, String bucket) {
        this.client = client;
        this.keyValue = keyValue;
        this.bucket = bucket;
    }

    /** Opens the snapshot bucket, creating it (no max age, only the latest revision per key) if it does not exist. */
    public static NatsSnapshotStore open(NatsClient client, String bucket, int replicas) {
        return new NatsSnapshotStore(client,
                KeyValueBucket.open(client.connection(), bucket, Duration.ZERO, replicas, 1, client.requestTimeout()),
                bucket);
    }

    @Override
    public Optional<Snapshot> load(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        try {
            KeyValueEntry entry = keyValue.get(keyOf(stream));
            if (entry == null) {
                return Optional.empty();
            }
            return Optional.of(SnapshotCodec.decode(stream, entry.getValue()));
        } catch (MalformedFrameException e) {
            LOG.warn("ignoring an unreadable snapshot of an aggregate of type {}: {}", stream.type(), e.getMessage());
            return Optional.empty();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("loading a snapshot from bucket " + bucket + " failed", e);
        }
    }

    @Override
    public void save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        long maxStateBytes = maxStateBytes();
        if (snapshot.state().length > maxStateBytes) {
            throw new IllegalArgumentException("a snapshot state of " + snapshot.state().length + " bytes; the server's"
                    + " max payload leaves room for " + maxStateBytes);
        }
        String key = keyOf(snapshot.stream());
        byte[] value = SnapshotCodec.encode(snapshot);
        if (value.length > maxPayload() - HEADER_ALLOWANCE) {
            throw new IllegalArgumentException("a stored snapshot of " + value.length + " bytes (its state type takes "
                    + snapshot.stateType().length() + " characters); the server's max payload is " + maxPayload());
        }
        try {
            for (int attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
                KeyValueEntry stored = keyValue.get(key);
                try {
                    if (stored == null) {
                        keyValue.create(key, value);
                        return;
                    }
                    if (isAtLeast(stored, snapshot.version())) {
                        return;
                    }
                    keyValue.update(key, value, stored.getRevision());
                    return;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != Failures.WRONG_LAST_SEQUENCE) {
                        throw e;
                    }
                    // Another saver wrote in between: compare against theirs.
                }
            }
            throw new IllegalStateException("snapshot of " + snapshot.stream().type() + " still contended after "
                    + MAX_SAVE_ATTEMPTS + " attempts");
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("saving a snapshot to bucket " + bucket + " failed", e);
        }
    }

    /** The server's max payload (from the connection's server info) less room for headers and the stored form. */
    @Override
    public long maxStateBytes() {
        return maxPayload() - MESSAGE_ALLOWANCE;
    }

    private long maxPayload() {
        return client.connection().getServerInfo().getMaxPayload();
    }

    @Override
    public void delete(StreamId stream) {
        Objects.requireNonNull(stream, "stream");
        try {
            if (keyValue.get(keyOf(stream)) != null) {
                keyValue.delete(keyOf(stream));
            }
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("deleting a snapshot from bucket " + bucket + " failed", e);
        }
    }

    static String keyOf(StreamId stream) {
        return stream.type().name() + "." + TokenCodec.encode(stream.id());
    }

    private static boolean isAtLeast(KeyValueEntry stored, long version) {
        try {
            return SnapshotCodec.versionOf(stored.getValue()) >= version;
        } catch (MalformedFrameException e) {
            return false;
        }
    }
}
