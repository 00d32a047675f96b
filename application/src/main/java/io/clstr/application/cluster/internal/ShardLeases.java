package io.clstr.application.cluster.internal;

import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shard leases on a key-value bucket: {@code shards/<n>} holds the id of the node serving shard n.
 * A lease is taken with create-if-absent, taken over from a member that is gone with a
 * compare-and-set on its revision, and released with a delete on the revision it was taken at — so
 * two nodes can never both believe they took the same lease.
 *
 * <p>A watch keeps a local view of every lease (for the cluster view and to notice a lost lease).
 */
public final class ShardLeases implements AutoCloseable {

    private static final String PREFIX = "shards/";

    /** Who holds a shard's lease, and at which revision. */
    public record Lease(String owner, long revision) {
    }

    private final String nodeId;
    private final KeyValueStore leases;
    private final Map<Integer, Lease> view = new ConcurrentHashMap<>();
    private KeyValueWatch watch;

    public ShardLeases(String nodeId, KeyValueStore leases) {
        this.nodeId = nodeId;
        this.leases = leases;
    }

    /** Starts following lease changes; {@code onChange} runs on the store's watch thread with the shard. */
    public void watch(java.util.function.IntConsumer onChange) {
        watch = leases.watch(PREFIX, new KeyValueListener() {
            @Override
            public void onChange(KeyValueChange change) {
                int shard = shardOf(change.key());
                if (shard < 0) {
                    return;
                }
                Optional<KeyValueEntry> entry = change.entry();
                if (entry.isPresent()) {
                    view.put(shard, new Lease(new String(entry.get().value(), StandardCharsets.UTF_8),
                            entry.get().revision()));
                } else {
                    view.remove(shard);
                }
                onChange.accept(shard);
            }
        });
    }

    /** The lease of a shard as the watch last saw it. */
    public Optional<Lease> current(int shard) {
        return Optional.ofNullable(view.get(shard));
    }

    /** Every known lease owner by shard. */
    public Map<Integer, String> owners() {
        Map<Integer, String> owners = new java.util.TreeMap<>();
        view.forEach((shard, lease) -> owners.put(shard, lease.owner()));
        return owners;
    }

    /**
     * Takes a shard's lease if it is free, already ours, or held by a node that is not live.
     * Returns the revision it holds the lease at, or empty if another live node holds it.
     */
    public Optional<Long> acquire(int shard, java.util.function.Predicate<String> live) {
        String key = PREFIX + shard;
        byte[] me = nodeId.getBytes(StandardCharsets.UTF_8);
        Optional<KeyValueEntry> existing = leases.get(key);
        try {
            if (existing.isEmpty()) {
                return Optional.of(leases.create(key, me));
            }
            String owner = new String(existing.get().value(), StandardCharsets.UTF_8);
            if (owner.equals(nodeId)) {
                return Optional.of(existing.get().revision());
            }
            if (live.test(owner)) {
                return Optional.empty();
            }
            return Optional.of(leases.update(key, me, existing.get().revision()));
        } catch (KeyExistsException | WrongRevisionException lostTheRace) {
            return Optional.empty();
        }
    }

    /** Gives a lease back if it is still held at {@code revision}; returns whether it was. */
    public boolean release(int shard, long revision) {
        try {
            leases.delete(PREFIX + shard, revision);
            return true;
        } catch (WrongRevisionException alreadyMoved) {
            return false;
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    private static int shardOf(String key) {
        if (!key.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
