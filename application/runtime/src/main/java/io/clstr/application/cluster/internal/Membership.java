package io.clstr.application.cluster.internal;

import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueUnreachableException;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Cluster membership on a key-value bucket: every heartbeat each node writes {@code members/<nodeId>}
 * ({@code active}, or {@code leaving} while it hands its shards off) and deletes it once it has left.
 *
 * <p>Freshness is judged from what this node observed and when, on its own monotonic clock; timestamps
 * written by other machines are never compared with the local clock, so clocks need not agree. The rules tell
 * "the store takes no writes right now" (the same for everyone: hold on, nobody can take anything over) from "a
 * member stopped writing while the store took writes" (it is gone):
 * <ul>
 *   <li>A peer is live while its entry keeps advancing. It is gone once its entry is deleted, or once it has not
 *       advanced for a TTL during which this node's own heartbeats and reads all succeeded. A leader election,
 *       during which nobody can write, therefore counts against nobody.</li>
 *   <li>This node is live while its own heartbeat reached the store within the TTL less one interval (so it
 *       gives up before any peer could call it gone). When its heartbeats fail it stays live only while the
 *       store still answers, nobody else's entry has advanced past its own last write, and not for longer than
 *       three TTLs: a node that others overtake, or that cannot reach the store at all (every server gone),
 *       stops serving.</li>
 * </ul>
 * Discovery (who the members are) uses a watch and, now and then, a key listing; both may be unreliable while
 * a server is missing, and liveness rests only on reads by key.
 *
 * <p>{@link #heartbeat()} and {@link #observe()} each run on one thread of their own (so slow reads never delay
 * a heartbeat); {@link #view()} and {@link #mayBeAlive} may be called from any thread.
 */
public final class Membership implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Membership.class.getName());
    private static final String PREFIX = "members/";
    private static final byte[] ACTIVE = "active".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LEAVING = "leaving".getBytes(StandardCharsets.UTF_8);
    /** Observations between two listings of the bucket (discovery only; the watch usually finds members first). */
    private static final int LISTING_EVERY = 10;
    private static final int MAX_HOLD_TTLS = 3;

    /**
     * What this node currently believes about the cluster.
     *
     * @param selfLive whether this node may serve (see the class comment)
     * @param live the live members, by id, with when this node last saw each one heartbeat (this node included
     *     while it is live)
     * @param leaving live members handing their shards off: they keep their leases until they release them,
     *     but get no new shards
     */
    public record View(boolean selfLive, SortedMap<String, Instant> live, Set<String> leaving) {
        public View {
            live = Collections.unmodifiableSortedMap(new TreeMap<>(live));
            leaving = Set.copyOf(leaving);
        }

        static final View NONE = new View(false, new TreeMap<>(), Set.of());

        /** The members shards are assigned to: live and not leaving. */
        public Set<String> assignable() {
            Set<String> members = new HashSet<>(live.keySet());
            members.removeAll(leaving);
            return members;
        }
    }

    /** A peer as this node has observed it (observer thread only). */
    private static final class Peer {
        long revision = -1;
        /** Read by the control thread too. */
        volatile long advancedAt;
        /** Advances seen during this node's current run of failed heartbeats. */
        int advancesWhileFailing;
        Instant seenAt;
        boolean leaving;
        /** Read by the control thread too. */
        volatile boolean gone;
    }

    private final String nodeId;
    private final KeyValueStore store;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long ttlNanos;
    private final long graceNanos;
    /** Members announced by the watch or a lease and not yet read. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private volatile View view = View.NONE;
    private volatile boolean leavingState;
    private KeyValueWatch watch;

    // Written by the heartbeat thread.
    private volatile long lastWriteNanos;
    private volatile boolean everWritten;
    private volatile long lastReachedNanos;
    /** Counts runs of failed heartbeats; odd while heartbeats fail. */
    private volatile long failureRuns;
    /** The latest instant the last judgement allows holding on without fresh writes (three TTLs, or overtaken). */
    private volatile long holdJudgedUntilNanos;

    // Observer thread only.
    /** Since when every heartbeat and read has succeeded; -1 while they do not. */
    private long healthySince = -1;
    private long failureRunSeen;
    /** When this node first saw another member write repeatedly while its own heartbeats failed; -1 if not. */
    private long overtakenAt = -1;
    private int observationsSinceListing = LISTING_EVERY;
    private boolean readFailing;

    /**
     * @param nanoTime the local monotonic clock (nanoseconds), {@link System#nanoTime} outside tests
     * @param clock only for the times shown in the view
     */
    public Membership(String nodeId, KeyValueStore store, Duration ttl, Duration interval, Clock clock,
            LongSupplier nanoTime) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.intervalNanos = interval.toNanos();
        this.ttlNanos = ttl.toNanos();
        this.graceNanos = ttl.minus(interval).toNanos();
    }

    /** Starts the watch that discovers members early; {@code onAnnounced} runs on the store's thread. */
    public void watch(Runnable onAnnounced) {
        watch = store.watch(PREFIX, new KeyValueListener() {
            @Override
            public void onChange(KeyValueChange change) {
                String member = change.key().substring(PREFIX.length());
                if (!member.equals(nodeId) && change.entry().isPresent() && !peers.containsKey(member)) {
                    announced.add(member);
                    onAnnounced.run();
                }
            }
        });
    }

    /** The current view. */
    public View view() {
        return view;
    }

    /**
     * Whether this node may serve at this instant. The view is judged after the observer's reads, which can block
     * while servers are unreachable; this answer does not wait for them. A judgement of "live" lasts while the own
     * heartbeat is within the grace, and beyond it (a hold) only while some call reached the store within the
     * grace (heartbeats keep trying on their own thread) and not past the hold's limit. So the node stops serving
     * in time when every server is gone, even while the observer waits on reads that time out.
     */
    public boolean selfLiveNow() {
        if (!view.selfLive()) {
            return false;
        }
        long now = nanoTime.getAsLong();
        return now - lastWriteNanos <= graceNanos
                || (now <= holdJudgedUntilNanos && now - lastReachedNanos <= graceNanos);
    }

    /** From now on the heartbeat says this node is leaving: peers stop assigning it shards. */
    public void markLeaving() {
        leavingState = true;
    }

    /** Writes this node's entry (heartbeat thread). */
    public void heartbeat() {
        try {
            store.put(PREFIX + nodeId, leavingState ? LEAVING : ACTIVE);
            long now = nanoTime.getAsLong();
            lastWriteNanos = now;
            lastReachedNanos = now;
            everWritten = true;
            if (failing()) {
                failureRuns++;
                LOG.log(Level.INFO, "{0} writes its heartbeat again", nodeId);
            }
        } catch (RuntimeException e) {
            reachedUnless(e);
            if (!failing()) {
                failureRuns++;
                LOG.log(Level.WARNING, "heartbeat of {0} failed (logged once until it recovers): {1}", nodeId,
                        e.toString());
            }
        }
    }

    /**
     * Reads the members' entries and judges who is live (observer thread). Returns whether the set of live or
     * leaving members, or this node's own liveness, changed.
     */
    public boolean observe() {
        long runs = failureRuns;
        if (runs != failureRunSeen) {
            failureRunSeen = runs;
            peers.values().forEach(peer -> peer.advancesWhileFailing = 0);
        }
        boolean readsOk = readAll();
        long now = nanoTime.getAsLong();
        boolean healthy = readsOk && everWritten && now - lastWriteNanos <= 2 * intervalNanos;
        if (!healthy) {
            healthySince = -1;
        } else if (healthySince < 0) {
            healthySince = now;
        }
        View before = view;
        view = judge(now);
        return !before.live().keySet().equals(view.live().keySet()) || !before.leaving().equals(view.leaving())
                || before.selfLive() != view.selfLive();
    }

    /**
     * Whether a node that holds a lease may still be alive, for deciding whether its lease may be taken over:
     * a member judged live, or one this node has not yet observed long enough to judge (its entry exists).
     * Only a member judged gone, or one without an entry, is not.
     */
    public boolean mayBeAlive(String member) {
        if (member.equals(nodeId)) {
            return true;
        }
        Peer peer = peers.get(member);
        if (peer != null) {
            return !peer.gone;
        }
        boolean present = store.get(PREFIX + member).isPresent();
        if (present) {
            announced.add(member);
        }
        return present;
    }

    /**
     * Whether a member judged gone may still be serving: it was last seen advancing less than its longest hold
     * ago, plus two intervals (it notices within one; one more is the margin). A node that lost only the membership store holds its shards that long at most; a
     * caller that can tell the member is still running (it answers on the transport) waits this out before
     * taking its shards.
     */
    public boolean withinHold(String member) {
        Peer peer = peers.get(member);
        return peer != null && nanoTime.getAsLong() - peer.advancedAt < MAX_HOLD_TTLS * ttlNanos + 2 * intervalNanos;
    }

    /** Deletes this node's entry, so the others see it gone at once (best effort: else they judge it gone). */
    public void leave() {
        try {
            store.delete(PREFIX + nodeId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} could not remove its membership entry; the others will judge it gone: {1}",
                    nodeId, e.toString());
        }
        view = View.NONE;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    // ------------------------------------------------------------------ observing

    /** Reads this node's own entry and every known member's (listing the bucket now and then). */
    private boolean readAll() {
        boolean ok = read(nodeId);
        Set<String> candidates = new HashSet<>(announced);
        if (++observationsSinceListing >= LISTING_EVERY) {
            try {
                for (String key : store.keys(PREFIX)) {
                    candidates.add(key.substring(PREFIX.length()));
                }
                observationsSinceListing = 0;
            } catch (RuntimeException e) {
                // Only discovery suffers; the watch and the next listing make up for it.
                LOG.log(Level.DEBUG, "{0} could not list the members: {1}", nodeId, e.toString());
            }
        }
        candidates.addAll(peers.keySet());
        candidates.remove(nodeId);
        for (String member : candidates) {
            ok &= read(member);
        }
        if (ok && readFailing) {
            LOG.log(Level.INFO, "{0} reads the membership again", nodeId);
        } else if (!ok && !readFailing) {
            LOG.log(Level.WARNING, "{0} cannot read the membership (logged once until it can)", nodeId);
        }
        readFailing = !ok;
        return ok;
    }

    private boolean read(String member) {
        Optional<KeyValueEntry> entry;
        try {
            entry = store.get(PREFIX + member);
        } catch (RuntimeException e) {
            reachedUnless(e);
            LOG.log(Level.DEBUG, "{0} could not read the membership of {1}: {2}", nodeId, member, e.toString());
            return false;
        }
        lastReachedNanos = nanoTime.getAsLong();
        if (!member.equals(nodeId)) {
            announced.remove(member);
            record(member, entry);
        }
        return true;
    }

    private void record(String member, Optional<KeyValueEntry> entry) {
        if (entry.isEmpty()) {
            Peer removed = peers.remove(member);
            if (removed != null && !removed.gone) {
                LOG.log(Level.INFO, "{0} sees {1} leave the cluster", nodeId, member);
            }
            return;
        }
        Peer peer = peers.computeIfAbsent(member, id -> new Peer());
        long revision = entry.get().revision();
        if (revision <= peer.revision) {
            return;
        }
        boolean leaving = Arrays.equals(entry.get().value(), LEAVING);
        if (peer.revision < 0) {
            LOG.log(Level.INFO, "{0} sees member {1}", nodeId, member);
        } else if (peer.gone) {
            LOG.log(Level.INFO, "{0} hears from {1} again", nodeId, member);
        } else if (leaving && !peer.leaving) {
            LOG.log(Level.INFO, "{0} sees {1} leaving; it hands its shards off", nodeId, member);
        }
        if (failing() && peer.revision >= 0) {
            peer.advancesWhileFailing++;
        }
        peer.revision = revision;
        peer.advancedAt = nanoTime.getAsLong();
        peer.seenAt = clock.instant();
        peer.leaving = leaving;
        peer.gone = false;
    }

    private View judge(long now) {
        SortedMap<String, Instant> live = new TreeMap<>();
        Set<String> leaving = new HashSet<>();
        for (Map.Entry<String, Peer> entry : peers.entrySet()) {
            Peer peer = entry.getValue();
            if (!peer.gone && healthySince >= 0 && now - Math.max(peer.advancedAt, healthySince) >= ttlNanos) {
                peer.gone = true;
                LOG.log(Level.INFO, "{0} judges {1} gone: no heartbeat for {2} ms while the store took writes",
                        nodeId, entry.getKey(), ttlNanos / 1_000_000);
            }
            if (!peer.gone) {
                live.put(entry.getKey(), peer.seenAt);
                if (peer.leaving) {
                    leaving.add(entry.getKey());
                }
            }
        }
        boolean selfLive = selfLive(now);
        if (selfLive) {
            live.put(nodeId, clock.instant());
            if (leavingState) {
                leaving.add(nodeId);
            }
        }
        return new View(selfLive, live, leaving);
    }

    /**
     * Live while the own heartbeat is recent; else only while the store is reachable, other members have not
     * kept writing for more than a moment while this node's writes failed (after an election, whoever writes
     * first is ahead of the rest for up to an interval), and for at most {@value #MAX_HOLD_TTLS} TTLs. A peer can
     * call this node gone no sooner than a TTL after its own writes resumed, so this node always stops first.
     */
    private boolean selfLive(long now) {
        if (!everWritten) {
            return false;
        }
        // One advance may be a write from before this node's failures began, seen late; two are not.
        boolean othersWrite = peers.values().stream().anyMatch(peer -> peer.advancesWhileFailing >= 2);
        if (!othersWrite) {
            overtakenAt = -1;
        } else if (overtakenAt < 0) {
            overtakenAt = now;
        }
        long sinceWrite = now - lastWriteNanos;
        long holdLimit = lastWriteNanos + MAX_HOLD_TTLS * ttlNanos;
        holdJudgedUntilNanos = overtakenAt < 0 ? holdLimit
                : Math.min(holdLimit, overtakenAt + graceNanos - intervalNanos);
        if (sinceWrite <= graceNanos) {
            return true;
        }
        String why;
        if (now - lastReachedNanos > graceNanos) {
            why = "it has not reached the membership store for " + millis(now - lastReachedNanos) + " ms";
        } else if (overtakenAt >= 0 && now - overtakenAt > graceNanos - intervalNanos) {
            why = "others write their heartbeats while its own have failed for " + millis(sinceWrite) + " ms";
        } else if (sinceWrite > MAX_HOLD_TTLS * ttlNanos) {
            why = "its heartbeats have failed for " + millis(sinceWrite) + " ms";
        } else {
            return true;
        }
        if (view.selfLive()) {
            LOG.log(Level.WARNING, "{0} cannot prove its membership: {1}", nodeId, why);
        }
        return false;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private boolean failing() {
        return (failureRuns & 1) == 1;
    }

    /** A failed call still proves the store was reached, unless the store says it was not. */
    private void reachedUnless(RuntimeException e) {
        if (!(e instanceof KeyValueUnreachableException)) {
            lastReachedNanos = nanoTime.getAsLong();
        }
    }
}
