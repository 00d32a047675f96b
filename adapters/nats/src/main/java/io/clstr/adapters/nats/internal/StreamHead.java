package io.clstr.adapters.nats.internal;

/**
 * What a writer must know to append to an aggregate in one round trip: the version and sequence of its last
 * commit, and that commit's links to earlier ones (which the next commit inherits).
 */
public record StreamHead(long version, long sequence, long[] earlier) {

    /** An aggregate without commits. */
    public static final StreamHead EMPTY = new StreamHead(0, 0, new long[0]);

    public static StreamHead of(StoredCommit commit) {
        return new StreamHead(commit.lastVersion(), commit.sequence(), commit.earlier());
    }

    /** The earlier-commit links of a commit appended on top of this head. */
    public long[] linksForNext() {
        return CommitCodec.linksAfter(sequence, earlier);
    }

    /** The head after appending {@code events} events at {@code newSequence} on top of this one. */
    public StreamHead advance(int events, long newSequence) {
        return new StreamHead(version + events, newSequence, linksForNext());
    }
}
