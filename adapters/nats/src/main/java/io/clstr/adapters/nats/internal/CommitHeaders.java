package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventStore;
import io.nats.client.impl.Headers;

/**
 * The headers of a commit message, kept to three because the client's per-header cost dominates what an
 * append costs on this side of the connection.
 *
 * <ul>
 *   <li>{@code Nats-Msg-Id}: the commit id, so the server stores a retried append once (duplicate window).
 *   <li>{@code Nats-Expected-Last-Subject-Sequence}: the sequence of the aggregate's last commit ({@code 0}:
 *       none), checked by the server. Never {@code Nats-Expected-Last-Subject-Sequence-Subject}: NATS 2.9
 *       does not know it and then skips the check altogether.
 *   <li>{@code Clstr-Commit}: the commit's version range, {@code <first>-<last>} (first version and event
 *       count), so the head version is known without decoding the body and readable in {@code nats stream view}.
 * </ul>
 */
public final class CommitHeaders {

    public static final String MSG_ID = "Nats-Msg-Id";
    public static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";
    public static final String COMMIT = "Clstr-Commit";

    private CommitHeaders() {
    }

    /**
     * The headers of an append.
     *
     * @param expectedLastSequence the sequence of the aggregate's last commit, or 0 for a new aggregate
     */
    public static Headers forAppend(String commitId, long expectedLastSequence, long firstVersion, int eventCount) {
        return new Headers()
                .put(MSG_ID, commitId)
                .put(EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(expectedLastSequence))
                .put(COMMIT, firstVersion + "-" + (firstVersion + eventCount - 1));
    }

    /** The first and last version of a {@code Clstr-Commit} value, which spans 1 to {@link EventStore#MAX_EVENTS_PER_APPEND}. */
    static long[] versionRange(String value) {
        int dash = value == null ? -1 : value.indexOf('-');
        if (dash <= 0) {
            throw new MalformedFrameException("bad " + COMMIT + " header: " + value);
        }
        try {
            long first = Long.parseLong(value, 0, dash, 10);
            long last = Long.parseLong(value, dash + 1, value.length(), 10);
            if (first < 1 || last < first || last - first >= EventStore.MAX_EVENTS_PER_APPEND) {
                throw new MalformedFrameException("bad " + COMMIT + " header: " + value);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("bad " + COMMIT + " header: " + value);
        }
    }
}
