package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.AppendResult;

/**
 * The commit ids of a stream's last {@link #WINDOW} commits with their results, so that a retried append is
 * recognised. A ring that starts small and grows to the window, so quiet streams stay cheap. Lookups compare
 * hashes first. Guarded by the stream's lock.
 */
final class RecentCommits {

    static final int WINDOW = InMemoryEventStore.COMMIT_ID_WINDOW;

    private int[] hashes = new int[2];
    private String[] ids = new String[2];
    private AppendResult[] results = new AppendResult[2];
    private int count;
    private int next;

    /**
     * The result of the commit with this id among the recent ones, or null. Every append looks (and
     * almost always misses), so this is a plain scan of the hash array, with no ring arithmetic.
     */
    AppendResult find(String commitId) {
        int hash = commitId.hashCode();
        int[] known = hashes;
        for (int slot = 0; slot < count; slot++) {
            if (known[slot] == hash && ids[slot].equals(commitId)) {
                return results[slot];
            }
        }
        return null;
    }

    void remember(String commitId, AppendResult result) {
        if (count == ids.length && count < WINDOW) {
            grow();
        }
        hashes[next] = commitId.hashCode();
        ids[next] = commitId;
        results[next] = result;
        next = (next + 1) % ids.length;
        count = Math.min(count + 1, ids.length);
    }

    private void grow() {
        int capacity = Math.min(ids.length * 2, WINDOW);
        int[] newHashes = new int[capacity];
        String[] newIds = new String[capacity];
        AppendResult[] newResults = new AppendResult[capacity];
        // The ring is full, so its oldest entry sits at next; unroll it into order.
        for (int i = 0; i < count; i++) {
            int slot = (next + i) % ids.length;
            newHashes[i] = hashes[slot];
            newIds[i] = ids[slot];
            newResults[i] = results[slot];
        }
        hashes = newHashes;
        ids = newIds;
        results = newResults;
        next = count;
    }
}
