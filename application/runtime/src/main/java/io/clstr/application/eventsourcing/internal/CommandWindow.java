package io.clstr.application.eventsourcing.internal;

import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.application.eventsourcing.RequestFingerprint;
import io.clstr.domain.kernel.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of an entity's recent commands and their outcomes, so that a retried command returns its first
 * outcome instead of running again, and the fingerprint of the request each id was first used for, so that
 * an id reused for a different request is refused instead of answered with another request's outcome.
 *
 * <p>Accepted commands are remembered as (64-bit hash of the id, version reached, time accepted, request
 * fingerprint) side by side in one ring array with an open-addressing index: 32 bytes per command and no
 * allocation per lookup. The window keeps at least the last {@code capacity} commands and, beyond that, every
 * command younger than {@code retention}, up to {@code maxEntries}: a count alone would forget a busy entity's
 * commands within milliseconds, before a client's retry could arrive. It starts small and grows as needed, so
 * quiet entities stay cheap.
 * A hash collision between two live ids is possible in principle (about 1 in 10^16 per lookup with a full
 * window) and accepted. Accepted commands are in the event store too (each event records its command's id), so a
 * snapshot keeps only the version from which to read them again ({@link #oldestVersion()}). Rejections store
 * nothing in the event store, so the few most recent ones are kept here (and in snapshots) with their code and
 * message.
 */
public final class CommandWindow {

    /**
     * Outcome of a lookup: accepted at a version, or rejected.
     *
     * @param fingerprint of the request the id was first used for; {@link RequestFingerprint#NONE} if unknown
     */
    public record Seen(long version, Rejection rejection, long fingerprint) {
        public boolean accepted() {
            return rejection == null;
        }

        /** Whether a request with this fingerprint may be the one the id was first used for. */
        public boolean sameRequest(long requestFingerprint) {
            return RequestFingerprint.same(fingerprint, requestFingerprint);
        }
    }

    /** Longs per entry, in the ring and in {@link #acceptedEntries()}: hash, version, time, fingerprint. */
    static final int ENTRY_LONGS = 4;
    /** Offsets of an entry's fields after its hash. */
    private static final int VERSION = 1;
    private static final int TIME = 2;
    private static final int FINGERPRINT = 3;

    /** Most entities see a command or two while active; the ring grows for busier ones. */
    private static final int INITIAL_CAPACITY = 2;
    private static final int MAX_REJECTIONS = 32;
    private static final long EMPTY = 0L;

    private final int capacity;
    private final long retentionMillis;
    private final int maxEntries;
    /** {@link #ENTRY_LONGS} longs per slot. */
    private long[] ring;
    private int head;
    private int size;
    private long[] tableHashes;
    private int[] tableSlots;
    /** Created by the first rejection: most entities never refuse a command. */
    private LinkedHashMap<Long, Seen> rejections;

    /**
     * @param capacity commands remembered at least
     * @param retentionMillis how long a command is remembered at least, while fewer than {@code maxEntries} are
     * @param maxEntries commands remembered at most
     */
    public CommandWindow(int capacity, long retentionMillis, int maxEntries) {
        if (capacity < 1 || maxEntries < capacity || retentionMillis < 0) {
            throw new IllegalArgumentException("a command window needs 1 <= capacity <= maxEntries and a retention"
                    + " >= 0, got " + capacity + ", " + maxEntries + " and " + retentionMillis + " ms");
        }
        this.capacity = capacity;
        this.retentionMillis = retentionMillis;
        this.maxEntries = maxEntries;
        allocate(Math.min(INITIAL_CAPACITY, capacity));
    }

    /**
     * The stored hash of a command id: FNV-1a over its UTF-16 units, then MurmurHash3's finaliser.
     * Snapshots hold these hashes, so this function must never change.
     */
    public static long hash(String commandId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < commandId.length(); i++) {
            h = (h ^ commandId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    /** An empty window sized by an entity runtime's settings. */
    public static CommandWindow of(EntitySettings settings) {
        return new CommandWindow(settings.commandWindow(), settings.commandRetention().toMillis(),
                EntitySettings.MAX_REMEMBERED_COMMANDS);
    }

    /** What is known about a command id, or {@code null}. */
    public Seen find(String commandId) {
        long h = hash(commandId);
        Seen rejected = rejections == null ? null : rejections.get(h);
        if (rejected != null) {
            return rejected;
        }
        int slot = indexOf(h);
        return slot < 0 ? null : new Seen(ring[at(slot) + VERSION], null, ring[at(slot) + FINGERPRINT]);
    }

    /**
     * Remembers that a command was accepted at {@code atMillis} and brought the entity to {@code version}.
     *
     * @param fingerprint of the command's request, or {@link RequestFingerprint#NONE}
     */
    public void accepted(String commandId, long version, long atMillis, long fingerprint) {
        acceptedHash(hash(commandId), version, atMillis, fingerprint);
    }

    void acceptedHash(long h, long version, long atMillis, long fingerprint) {
        int existing = indexOf(h);
        if (existing >= 0) {
            ring[at(existing) + VERSION] = version;
            return;
        }
        if (size == slots()) {
            boolean oldestMayGo = size >= capacity && expired(atMillis);
            if (!oldestMayGo && slots() < maxEntries) {
                grow();
            } else {
                evictOldest();
            }
        }
        int slot = (head + size) % slots();
        put(slot, h, version, atMillis, fingerprint);
        size++;
        insertIndex(h, slot);
        // After a burst, forget the aged commands beyond the capacity again, one per new command.
        if (size > capacity && expired(atMillis)) {
            evictOldest();
        }
    }

    private boolean expired(long nowMillis) {
        return ring[at(head) + TIME] < nowMillis - retentionMillis;
    }

    /** Remembers that a command was rejected; {@code fingerprint} as for {@link #accepted}. */
    public void rejected(String commandId, long version, Rejection rejection, long fingerprint) {
        rememberRejection(hash(commandId), new Seen(version, rejection, fingerprint));
    }

    public int size() {
        return size;
    }

    /**
     * Forgets now, rather than one per new command, the commands beyond the capacity that are older than the
     * retention at {@code nowMillis}: commands the window no longer has to remember.
     */
    public void forgetExpired(long nowMillis) {
        while (size > capacity && expired(nowMillis)) {
            evictOldest();
        }
    }

    /**
     * The version the oldest remembered command brought the entity to, or {@code 0} if none is remembered. Every
     * command remembered caused an event at or after it, so reading the stream from there brings them all back.
     */
    public long oldestVersion() {
        return size == 0 ? 0 : ring[at(head) + VERSION];
    }

    /** The accepted entries, oldest first, as (hash, version, time, fingerprint) quadruples. */
    long[] acceptedEntries() {
        long[] entries = new long[size * ENTRY_LONGS];
        int first = Math.min(size, slots() - head);
        System.arraycopy(ring, at(head), entries, 0, first * ENTRY_LONGS);
        System.arraycopy(ring, 0, entries, first * ENTRY_LONGS, (size - first) * ENTRY_LONGS);
        return entries;
    }

    /** The remembered rejections, oldest first, as (id hash, outcome) copies; for snapshots. */
    public List<Map.Entry<Long, Seen>> rejectedEntries() {
        if (rejections == null) {
            return List.of();
        }
        List<Map.Entry<Long, Seen>> entries = new ArrayList<>(rejections.size());
        for (Map.Entry<Long, Seen> entry : rejections.entrySet()) {
            entries.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return entries;
    }

    /** Remembers a rejection by its id's hash (a snapshot restores its rejections so). */
    void rememberRejection(long h, Seen seen) {
        if (rejections == null) {
            rejections = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) {
                    return size() > MAX_REJECTIONS;
                }
            };
        }
        rejections.put(h, seen);
    }

    private void evictOldest() {
        removeIndex(ring[at(head)]);
        head = (head + 1) % slots();
        size--;
    }

    private void grow() {
        long[] entries = acceptedEntries();
        allocate(Math.min(slots() * 2, maxEntries));
        for (int i = 0; i < entries.length; i += ENTRY_LONGS) {
            int slot = size++;
            put(slot, entries[i], entries[i + 1], entries[i + 2], entries[i + 3]);
            insertIndex(entries[i], slot);
        }
    }

    private void put(int slot, long h, long version, long atMillis, long fingerprint) {
        int i = at(slot);
        ring[i] = h;
        ring[i + VERSION] = version;
        ring[i + TIME] = atMillis;
        ring[i + FINGERPRINT] = fingerprint;
    }

    private int slots() {
        return ring.length / ENTRY_LONGS;
    }

    /** Where a slot's entry starts in the ring. */
    private static int at(int slot) {
        return slot * ENTRY_LONGS;
    }

    private void allocate(int ringSize) {
        ring = new long[ringSize * ENTRY_LONGS];
        head = 0;
        size = 0;
        int tableSize = Integer.highestOneBit(ringSize * 2 - 1) << 1;
        tableHashes = new long[tableSize];
        tableSlots = new int[tableSize];
    }

    private int indexOf(long h) {
        int mask = tableHashes.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long candidate = tableHashes[i];
            if (candidate == EMPTY) {
                return -1;
            }
            if (candidate == h) {
                return tableSlots[i];
            }
        }
    }

    private void insertIndex(long h, int slot) {
        int mask = tableHashes.length - 1;
        int i = (int) h & mask;
        while (tableHashes[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        tableHashes[i] = h;
        tableSlots[i] = slot;
    }

    /** Linear-probing delete with backward shift, so no tombstones accumulate. */
    private void removeIndex(long h) {
        int mask = tableHashes.length - 1;
        int i = (int) h & mask;
        while (tableHashes[i] != h) {
            if (tableHashes[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        int gap = i;
        for (int j = (gap + 1) & mask; tableHashes[j] != EMPTY; j = (j + 1) & mask) {
            int home = (int) tableHashes[j] & mask;
            boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (movable) {
                tableHashes[gap] = tableHashes[j];
                tableSlots[gap] = tableSlots[j];
                gap = j;
            }
        }
        tableHashes[gap] = EMPTY;
        tableSlots[gap] = 0;
    }

    @Override
    public String toString() {
        return "CommandWindow{size=" + size + ", capacity=" + capacity + ", rejections="
                + (rejections == null ? 0 : rejections.size()) + "}";
    }
}
