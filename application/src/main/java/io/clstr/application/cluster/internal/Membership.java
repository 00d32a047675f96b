package io.clstr.application.cluster.internal;

import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cluster membership on a key-value bucket whose max age expires silent members: each node writes
 * {@code members/<nodeId>} every heartbeat; a member is live while its entry is younger than the TTL.
 *
 * <p>Freshness is judged here, from each entry's write time, on every tick: a store may drop an
 * expired entry without telling watchers (NATS 2.9 does), so waiting for a delete event would keep
 * dead members forever. A node whose own heartbeats have failed for a TTL treats itself as gone.
 * Not thread-safe: the cluster's control thread drives it.
 */
public final class Membership {

    private static final System.Logger LOG = System.getLogger(Membership.class.getName());
    private static final String PREFIX = "members/";

    private final String nodeId;
    private final KeyValueStore members;
    private final Clock clock;
    private final Duration ttl;
    private final byte[] record;
    private Instant lastHeartbeat = Instant.MIN;
    private boolean storeFailing;
    private SortedMap<String, Instant> live = new TreeMap<>();

    public Membership(String nodeId, KeyValueStore members, Clock clock, Duration ttl) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.members = Objects.requireNonNull(members, "members");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.record = ("node=" + nodeId + ";started=" + clock.millis()).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes this node's entry; returns whether the store took it. */
    public boolean heartbeat() {
        try {
            members.put(PREFIX + nodeId, record);
            lastHeartbeat = clock.instant();
            if (storeFailing) {
                storeFailing = false;
                LOG.log(Level.INFO, "{0} reaches the membership store again", nodeId);
            }
            return true;
        } catch (RuntimeException e) {
            if (!storeFailing) {
                storeFailing = true;
                LOG.log(Level.WARNING, "heartbeat of {0} failed (logged once until it recovers): {1}", nodeId,
                        e.toString());
            }
            return false;
        }
    }

    /** Re-reads the members; returns whether the view changed. Keeps the last view if the store fails. */
    public boolean refresh() {
        SortedMap<String, Instant> fresh = new TreeMap<>();
        try {
            Instant horizon = clock.instant().minus(ttl);
            for (String key : members.keys(PREFIX)) {
                KeyValueEntry entry = members.get(key).orElse(null);
                if (entry != null && entry.updatedAt().isAfter(horizon)) {
                    fresh.put(key.substring(PREFIX.length()), entry.updatedAt());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(storeFailing ? Level.DEBUG : Level.WARNING, "membership of {0} could not be read: {1}", nodeId,
                    e.toString());
            return false;
        }
        boolean changed = !fresh.keySet().equals(live.keySet());
        live = fresh;
        return changed;
    }

    /**
     * Asks the store whether a node has heartbeated within the TTL. Used before taking a lease
     * over, so a member that joined after our last refresh is never mistaken for a dead one.
     */
    public boolean isLiveInStore(String member) {
        Instant horizon = clock.instant().minus(ttl);
        return members.get(PREFIX + member).map(entry -> entry.updatedAt().isAfter(horizon)).orElse(false);
    }

    /** Whether this node's own heartbeat reached the store within the TTL. */
    public boolean selfLive() {
        return !lastHeartbeat.isBefore(clock.instant().minus(ttl));
    }

    /** The live members and their last heartbeat, by node id (this node included once it is live). */
    public SortedMap<String, Instant> live() {
        SortedMap<String, Instant> view = new TreeMap<>(live);
        if (selfLive()) {
            view.putIfAbsent(nodeId, lastHeartbeat);
        } else {
            view.remove(nodeId);
        }
        return view;
    }

    /** Removes this node's entry, so the others notice at once (best effort). */
    public void leave() {
        try {
            members.delete(PREFIX + nodeId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} could not leave the membership cleanly: {1}", nodeId, e.toString());
        }
        lastHeartbeat = Instant.MIN;
        live = new TreeMap<>();
    }
}
