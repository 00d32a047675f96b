package io.clstr.application.eventsourcing;

import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The documents of a {@link KeyValueReadModel}, copied into memory and kept current by a watch on its prefix,
 * in an order of the reader's choosing. Listing reads no store and waits for nothing, so it is cheap to serve
 * from a request thread; it follows the store a moment behind, like the read model follows the events.
 *
 * <p>Every document is held in memory on every process that opens a view: fine for thousands of small documents,
 * not for millions (keep those in a store with indexes). A stored entry
 * that does not decode is left out and logged. Thread-safe; one writer (the watch), any number of readers,
 * whose iteration is weakly consistent.
 *
 * @param <K> the sort key; distinct documents must have distinct keys (include the document's id)
 * @param <D> the document type
 */
public final class ReadModelView<K, D> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReadModelView.class.getName());

    private final Function<KeyValueEntry, D> decode;
    private final Function<? super D, ? extends K> sortKey;
    private final Comparator<? super K> order;
    private final Map<String, D> byStoreKey = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<K, D> sorted;
    private final KeyValueWatch watch;
    private volatile boolean loaded;

    ReadModelView(KeyValueStore store, String prefix, Function<KeyValueEntry, D> decode,
            Function<? super D, ? extends K> sortKey, Comparator<? super K> order) {
        this.decode = decode;
        this.sortKey = sortKey;
        this.order = order;
        this.sorted = new ConcurrentSkipListMap<>(order);
        this.watch = store.watch(prefix, new KeyValueListener() {
            @Override
            public void onChange(KeyValueChange change) {
                apply(change);
            }

            @Override
            public void onInitialValuesDone() {
                loaded = true;
            }
        });
    }

    /** Whether every document stored when the view opened has arrived; until then a listing would miss some. */
    public boolean loaded() {
        return loaded;
    }

    /** The documents that sort after {@code key} ({@code null}: all of them), in order. */
    public Collection<D> after(K key) {
        return key == null ? sorted.values() : sorted.tailMap(key, false).values();
    }

    public int size() {
        return sorted.size();
    }

    /** Stops following the store. */
    @Override
    public void close() {
        watch.close();
    }

    private void apply(KeyValueChange change) {
        D document = change.entry().map(this::decodeOrNull).orElse(null);
        D previous = document == null ? byStoreKey.remove(change.key()) : byStoreKey.put(change.key(), document);
        if (previous != null) {
            K previousKey = sortKey.apply(previous);
            if (document == null || order.compare(previousKey, sortKey.apply(document)) != 0) {
                sorted.remove(previousKey);
            }
        }
        if (document != null) {
            sorted.put(sortKey.apply(document), document);
        }
    }

    private D decodeOrNull(KeyValueEntry entry) {
        try {
            return decode.apply(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "leaving read model entry {0} out of the view: {1}", entry.key(), e.getMessage());
            return null;
        }
    }
}
