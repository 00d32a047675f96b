package io.clstr.application.eventsourcing;

import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The position each projection has applied up to, in a key-value store under {@code checkpoints/<projection>}
 * (projection names hold no {@code /}, so keys never collide). The value is the position in decimal ASCII,
 * readable with any KV tool.
 *
 * <p>{@link #save} only moves a checkpoint forward, with a compare-and-set on the entry's revision, so a
 * late or duplicate writer (a second runner of the same projection, a delayed flush) never takes it back;
 * only {@link #reset} does, for a rebuild. Thread-safe.
 */
public final class CheckpointStore {

    /** The key prefix of checkpoints. */
    public static final String PREFIX = "checkpoints/";

    private static final int MAX_WRITE_ATTEMPTS = 16;

    private final KeyValueStore store;

    public CheckpointStore(KeyValueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The key of a projection's checkpoint. */
    public static String key(String projection) {
        return PREFIX + Projection.requireValidName(projection);
    }

    /** The saved position, or 0 (read from the start) if none was saved. */
    public long load(String projection) {
        return store.get(key(projection)).map(CheckpointStore::position).orElse(0L);
    }

    /**
     * Moves the checkpoint forward to {@code position}; does nothing if it is already there or beyond.
     *
     * @throws KeyValueException if the store fails, or the key keeps changing under concurrent writers
     */
    public void save(String projection, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        String key = key(projection);
        byte[] value = Long.toString(position).getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 1; ; attempt++) {
            Optional<KeyValueEntry> current = store.get(key);
            if (current.isPresent() && position(current.get()) >= position) {
                return;
            }
            try {
                if (current.isPresent()) {
                    store.update(key, value, current.get().revision());
                } else {
                    store.create(key, value);
                }
                return;
            } catch (WrongRevisionException | KeyExistsException raced) {
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Forgets the checkpoint, so the projection next reads from the start. */
    public void reset(String projection) {
        store.delete(key(projection));
    }

    private static long position(KeyValueEntry entry) {
        String text = new String(entry.value(), StandardCharsets.US_ASCII);
        try {
            long position = Long.parseLong(text);
            if (position < 0) {
                throw new NumberFormatException("negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new KeyValueException("checkpoint " + entry.key() + " is not a position: '" + text + "'", e);
        }
    }
}
