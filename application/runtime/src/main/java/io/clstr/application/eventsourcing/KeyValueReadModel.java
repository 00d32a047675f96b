package io.clstr.application.eventsourcing;

import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An idempotent read model in a key-value store: one document per stream, under {@code <prefix>/<stream id>},
 * encoded with the {@link Codec}. This is what makes a projection's checkpoint safe (ADR-0006).
 *
 * <p>Each document records the stream version it has applied ({@code appliedVersion}). {@link #apply} reads the
 * entry, evolves it with the commit's events <em>above</em> that version, and writes it back with a
 * compare-and-set on the entry's revision, data and version in one write. So:
 * <ul>
 *   <li>a commit delivered again (after a crash before the checkpoint was saved, or a retry) changes nothing;
 *   <li>two writers of the same entry (two runners of one projection) never lose or double an event: the loser
 *       of the compare-and-set reads again and applies only what is still missing;
 *   <li>an entry that would skip a version fails loudly instead of silently missing an event.
 * </ul>
 * A document is never deleted by an event (that would forget its version and let old events recreate it): an
 * event that ends something should set a status, a tombstone.
 *
 * <p>The stored bytes are the codec's data for the document's stored name, so the name is not stored with it:
 * a document whose shape changes gets a new stored name and the projection is rebuilt. Listings go through a
 * {@link #view}, a copy in memory kept by a watch; see {@code docs/runtime/projections.md}. Thread-safe.
 *
 * @param <D> the document type, registered in the codec's catalog
 */
public final class KeyValueReadModel<D> {

    /** How often a write that lost a compare-and-set race is redone before giving up. */
    private static final int MAX_WRITE_ATTEMPTS = 16;

    /** Turns one event into the next version of a document. */
    @FunctionalInterface
    public interface Evolver<D> {

        /**
         * @param current the document before this event; {@code null} if the stream has none yet
         * @return the document after it, which must record {@code event.version()} as its applied version; or
         *     {@code null}, only while {@code current} is {@code null}, to create no document for this event
         */
        D evolve(D current, EventEnvelope<?> event);
    }

    private final KeyValueStore store;
    private final Codec codec;
    private final String prefix;
    private final Class<D> type;
    private final String storedName;
    private final ToLongFunction<D> appliedVersion;

    /**
     * @param prefix the first key segment(s) of this read model's entries, such as {@code orders}
     * @param type the document class; it must be registered in the codec's catalog
     * @param appliedVersion reads the stream version a document has applied
     */
    public KeyValueReadModel(KeyValueStore store, Codec codec, String prefix, Class<D> type,
            ToLongFunction<D> appliedVersion) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.type = Objects.requireNonNull(type, "type");
        this.appliedVersion = Objects.requireNonNull(appliedVersion, "appliedVersion");
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("prefix must be one or more key segments without a trailing '/', got '"
                    + prefix + "'");
        }
        this.prefix = prefix + "/";
        this.storedName = codec.catalog().nameOf(type).orElseThrow(() -> new IllegalArgumentException(
                "the document type " + type.getName() + " is not in the codec's type catalog"));
    }

    /**
     * Applies the commit's events above the document's version to the document of the commit's stream, in one
     * compare-and-set write.
     *
     * @return whether anything was written (false: every event was already applied, or none creates a document)
     * @throws IllegalStateException if the document would skip a version, or the evolver breaks its contract
     */
    public boolean apply(ProjectionCommit commit, Evolver<D> evolver) {
        Objects.requireNonNull(evolver, "evolver");
        String key = key(commit.stream().id());
        for (int attempt = 1; ; attempt++) {
            Optional<KeyValueEntry> stored = store.get(key);
            D current = stored.isPresent() ? decode(stored.get()) : null;
            D next = evolve(key, current, commit, evolver);
            if (next == current) {
                return false;
            }
            byte[] data = codec.encode(next).data();
            try {
                if (stored.isPresent()) {
                    store.update(key, data, stored.get().revision());
                } else {
                    store.create(key, data);
                }
                return true;
            } catch (WrongRevisionException | KeyExistsException raced) {
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** The document of this stream id, if there is one. */
    public Optional<D> get(String streamId) {
        return store.get(key(streamId)).map(this::decode);
    }

    /**
     * Opens a copy of every document in memory, kept current by a watch and sorted by {@code sortKey} in
     * {@code order}, for listings that must not read the store per request. Close it when done.
     */
    public <K> ReadModelView<K, D> view(Function<? super D, ? extends K> sortKey, Comparator<? super K> order) {
        return new ReadModelView<>(store, prefix, this::decode, sortKey, order);
    }

    /** The stream ids that have a document, in key order. */
    public List<String> ids() {
        return store.keys(prefix).stream().map(key -> unescape(key.substring(prefix.length()))).toList();
    }

    /** Deletes every document, for a rebuild. */
    public void clear() {
        for (String key : store.keys(prefix)) {
            store.delete(key);
        }
    }

    /**
     * The key of a stream's document. Stream ids may hold {@code /}, which separates key segments, so it is
     * escaped as {@code %2F} (and {@code %} as {@code %25}): distinct ids never share a key.
     */
    public String key(String streamId) {
        return prefix + escape(streamId);
    }

    private D evolve(String key, D current, ProjectionCommit commit, Evolver<D> evolver) {
        D next = current;
        long applied = current == null ? 0 : appliedVersion.applyAsLong(current);
        for (EventEnvelope<?> event : commit.events()) {
            long version = event.version();
            if (version <= applied) {
                continue; // applied before: this is a redelivery
            }
            if (next != null && version != applied + 1) {
                throw new IllegalStateException("read model entry " + key + " has applied version " + applied
                        + " but the next event has version " + version
                        + ": events are missing; rebuild the projection");
            }
            D evolved = evolver.evolve(next, event);
            if (evolved == null) {
                if (next != null) {
                    throw new IllegalStateException("the evolver of " + key + " returned no document for version "
                            + version + "; documents are never deleted by events, record a status instead");
                }
                continue;
            }
            long recorded = appliedVersion.applyAsLong(evolved);
            if (recorded != version) {
                throw new IllegalStateException("the evolver of " + key + " applied version " + version
                        + " but the document records version " + recorded);
            }
            next = evolved;
            applied = version;
        }
        return next;
    }

    private D decode(KeyValueEntry entry) {
        try {
            return codec.decode(storedName, entry.value(), type);
        } catch (CodecException e) {
            throw new IllegalStateException("read model entry " + entry.key() + " is not a readable " + storedName
                    + "; a changed document shape needs a new stored name and a rebuild", e);
        }
    }

    private static String escape(String id) {
        if (id.indexOf('/') < 0 && id.indexOf('%') < 0) {
            return id;
        }
        return id.replace("%", "%25").replace("/", "%2F");
    }

    private static String unescape(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        return segment.replace("%2F", "/").replace("%25", "%");
    }
}
