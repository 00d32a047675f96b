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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * Shard leases on a key-value bucket: {@code shards/<n>} holds the id of the node serving shard n.
 * A lease is taken with create-if-absent, taken over from a node that is gone with a compare-and-set on
 * its revision, and released with a delete on the revision it was taken at, so two nodes can never both
 * take the same lease.
 *
 * <p>Every call goes to the store and may fail with the store's exception; a call that timed out may still
 * have been applied, which is why the node reconciles what it holds against {@link #read} and the watch
 * rather than trusting its own bookkeeping. A watch keeps a local view of every lease, for the cluster
 * view and to notice leases taken over or held unknowingly.
 */
public final class ShardLeases implements AutoCloseable {

    private static final String PREFIX = "shards/";

    /** Who holds a shard's lease, and at which revision. */
    public record Lease(String owner, long revision) {
    }

    /**
     * The outcome of an attempt to take a lease.
     *
     * @param revision the revision this node now holds the lease at, or -1 if it does not hold it
     * @param holder who holds it when this node does not; the previous owner when this node took it over from
     *     a node that is gone; empty when it was free or already this node's
     */
    public record Attempt(long revision, Optional<String> holder) {
        public boolean taken() {
            return revision >= 0;
        }
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
    public void watch(IntConsumer onChange) {
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
    public Optional<Lease> watched(int shard) {
        return Optional.ofNullable(view.get(shard));
    }

    /** Every lease owner by shard, as the watch last saw them. */
    public Map<Integer, String> owners() {
        Map<Integer, String> owners = new TreeMap<>();
        view.forEach((shard, lease) -> owners.put(shard, lease.owner()));
        return owners;
    }

    /** The shards the watch last saw held by this node, with their revisions. */
    public Map<Integer, Long> watchedAsMine() {
        Map<Integer, Long> mine = new TreeMap<>();
        view.forEach((shard, lease) -> {
            if (lease.owner().equals(nodeId)) {
                mine.put(shard, lease.revision());
            }
        });
        return mine;
    }

    /** The lease of a shard as the store has it now. */
    public Optional<Lease> read(int shard) {
        return leases.get(PREFIX + shard)
                .map(entry -> new Lease(new String(entry.value(), StandardCharsets.UTF_8), entry.revision()));
    }

    /**
     * Takes a shard's lease if it is free, already this node's (taken earlier, perhaps by a call that timed
     * out after the store applied it), or held by a node that {@code mayBeAlive} rules out.
     */
    public Attempt acquire(int shard, Predicate<String> mayBeAlive) {
        String key = PREFIX + shard;
        byte[] me = nodeId.getBytes(StandardCharsets.UTF_8);
        Optional<Lease> existing = read(shard);
        try {
            if (existing.isEmpty()) {
                return new Attempt(leases.create(key, me), Optional.empty());
            }
            String owner = existing.get().owner();
            if (owner.equals(nodeId)) {
                return new Attempt(existing.get().revision(), Optional.empty());
            }
            if (mayBeAlive.test(owner)) {
                return new Attempt(-1, Optional.of(owner));
            }
            return new Attempt(leases.update(key, me, existing.get().revision()), Optional.of(owner));
        } catch (KeyExistsException | WrongRevisionException lostTheRace) {
            return new Attempt(-1, read(shard).map(Lease::owner));
        }
    }

    /**
     * Gives a lease back if it is still held at {@code revision}. Returns normally once the lease is no longer
     * held at that revision (released now, or earlier by a call that timed out, or taken over meanwhile).
     */
    public void release(int shard, long revision) {
        try {
            leases.delete(PREFIX + shard, revision);
        } catch (WrongRevisionException alreadyMoved) {
            // Released by an earlier attempt whose answer was lost, or taken over: either way not ours.
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
