package io.clstr.adapters.memory;

import io.clstr.ports.out.eventstore.RecordedCommit;
import java.util.Arrays;

/**
 * The global feed: every commit at index {@code position - 1}, positions 1, 2, 3 ... without gaps.
 *
 * <p>One writer at a time (the caller holds the store's position lock) appends and then publishes the new
 * head with a volatile write; readers never lock. Storage grows in fixed chunks, so an append never copies
 * earlier commits (only the small chunk directory is copied, rarely).
 */
final class CommitLog {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private volatile RecordedCommit[][] chunks = new RecordedCommit[16][];
    private volatile long head;

    /** The position of the last published commit; 0 while the log is empty. */
    long head() {
        return head;
    }

    /** Appends the commit at position {@code head() + 1}. The caller must hold the store's position lock. */
    void append(RecordedCommit commit) {
        long index = head;
        if (commit.position() != index + 1) {
            throw new IllegalStateException("commit at " + commit.position() + " does not follow " + index);
        }
        int chunk = (int) (index >>> CHUNK_BITS);
        RecordedCommit[][] directory = chunks;
        if (chunk == directory.length) {
            directory = Arrays.copyOf(directory, directory.length * 2);
            chunks = directory;
        }
        RecordedCommit[] slots = directory[chunk];
        if (slots == null) {
            slots = new RecordedCommit[CHUNK_SIZE];
            directory[chunk] = slots;
        }
        slots[(int) (index & CHUNK_MASK)] = commit;
        head = index + 1;
    }

    /** The commit at a position from 1 to a {@link #head()} read before. */
    RecordedCommit get(long position) {
        long index = position - 1;
        return chunks[(int) (index >>> CHUNK_BITS)][(int) (index & CHUNK_MASK)];
    }
}
