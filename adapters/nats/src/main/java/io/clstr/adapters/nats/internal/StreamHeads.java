package io.clstr.adapters.nats.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last known head of recently used aggregates, by subject, least recently used evicted first. Appends
 * and reads update it; a head is only ever replaced by a later one (higher sequence), so a slow reader can
 * never roll it back. It is a hint: the server's sequence check catches a stale head, and the caller then
 * forgets it.
 */
public final class StreamHeads {

    private final Map<String, StreamHead> heads;

    public StreamHeads(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.heads = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StreamHead> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached head, or {@code null} if unknown. */
    public synchronized StreamHead get(String subject) {
        return heads.get(subject);
    }

    /** Remembers {@code head} unless a later head is already known. */
    public synchronized void offer(String subject, StreamHead head) {
        StreamHead known = heads.get(subject);
        if (known == null || head.sequence() > known.sequence()) {
            heads.put(subject, head);
        }
    }

    /** Forgets the head, if it is still {@code stale} (a later one learned meanwhile is kept). */
    public synchronized void forget(String subject, StreamHead stale) {
        StreamHead known = heads.get(subject);
        if (known != null && known.sequence() <= stale.sequence()) {
            heads.remove(subject);
        }
    }

    public synchronized int size() {
        return heads.size();
    }
}
