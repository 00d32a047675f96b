package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.StreamId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last known head of recently used aggregates, least recently used evicted first, together with their
 * subjects (so the hot append path builds neither). Appends and reads update it; a head is only ever replaced
 * by a later one (higher sequence), so a slow reader can never roll it back. It is a hint: the server's
 * sequence check catches a stale head, and the caller then forgets it.
 */
public final class StreamHeads {

    /** A cached aggregate: its subject and last known head. */
    public record Known(String subject, StreamHead head) {
    }

    private final Map<StreamId, Known> heads;

    public StreamHeads(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.heads = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<StreamId, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached aggregate, or {@code null} if unknown. */
    public synchronized Known get(StreamId stream) {
        return heads.get(stream);
    }

    /** Remembers {@code head} unless a later head is already known. */
    public synchronized void offer(StreamId stream, String subject, StreamHead head) {
        Known known = heads.get(stream);
        if (known == null || head.sequence() > known.head().sequence()) {
            heads.put(stream, new Known(subject, head));
        }
    }

    /** Forgets the head, if it is still {@code stale} (a later one learnt meanwhile is kept). */
    public synchronized void forget(StreamId stream, StreamHead stale) {
        Known known = heads.get(stream);
        if (known != null && known.head().sequence() <= stale.sequence()) {
            heads.remove(stream);
        }
    }

    public synchronized int size() {
        return heads.size();
    }
}
