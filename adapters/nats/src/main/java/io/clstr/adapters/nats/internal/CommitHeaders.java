package io.clstr.adapters.nats.internal;

import io.nats.client.impl.Headers;
import java.util.Arrays;

/**
 * The headers of a commit message.
 *
 * <ul>
 *   <li>{@code Nats-Msg-Id}: the commit id, so the server stores a retried append once (duplicate window).
 *   <li>{@code Nats-Expected-Last-Subject-Sequence}: the sequence of the aggregate's last commit ({@code 0}:
 *       none), checked by the server. Never {@code Nats-Expected-Last-Subject-Sequence-Subject}: NATS 2.9
 *       does not know it and then skips the check altogether.
 *   <li>{@code Clstr-Version} and {@code Clstr-Events}: the version of the first event and the event count,
 *       so the stream head is known without decoding the body.
 *   <li>{@code Clstr-Earlier}: the sequences of up to {@value #MAX_EARLIER} earlier commits of the same
 *       aggregate, newest first (the first as is, the rest as distances). A reader that has the last commit can
 *       fetch the ones before it by sequence, many at a time, instead of scanning the stream: on 2.9 a
 *       scan for one subject is linear in the messages between its commits.
 * </ul>
 */
public final class CommitHeaders {

    public static final String MSG_ID = "Nats-Msg-Id";
    public static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";
    public static final String FIRST_VERSION = "Clstr-Version";
    public static final String EVENT_COUNT = "Clstr-Events";
    public static final String EARLIER_COMMITS = "Clstr-Earlier";

    /** How many earlier commits each commit links to. */
    public static final int MAX_EARLIER = 12;

    private static final long[] NONE = new long[0];

    private CommitHeaders() {
    }

    /**
     * The headers of an append on top of a head commit.
     *
     * @param expectedLastSequence the head's sequence, or 0 for a new aggregate
     * @param earlier the sequences of the commits before the new one, newest first (the head first)
     */
    public static Headers forAppend(String commitId, long expectedLastSequence, long firstVersion, int eventCount,
            long[] earlier) {
        Headers headers = new Headers();
        headers.put(MSG_ID, commitId);
        headers.put(EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(expectedLastSequence));
        headers.put(FIRST_VERSION, Long.toString(firstVersion));
        headers.put(EVENT_COUNT, Integer.toString(eventCount));
        if (earlier.length > 0) {
            headers.put(EARLIER_COMMITS, formatEarlier(earlier));
        }
        return headers;
    }

    /** The earlier-commit links a new commit on top of {@code head} carries: the head, then the head's own. */
    public static long[] linksAfter(long headSequence, long[] headEarlier) {
        if (headSequence == 0) {
            return NONE;
        }
        long[] links = new long[Math.min(MAX_EARLIER, headEarlier.length + 1)];
        links[0] = headSequence;
        System.arraycopy(headEarlier, 0, links, 1, links.length - 1);
        return links;
    }

    static String formatEarlier(long[] earlier) {
        StringBuilder text = new StringBuilder(earlier.length * 6);
        text.append(earlier[0]);
        for (int i = 1; i < earlier.length; i++) {
            text.append(',').append(earlier[i - 1] - earlier[i]);
        }
        return text.toString();
    }

    static long[] parseEarlier(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        long[] earlier = new long[MAX_EARLIER];
        int count = 0;
        int start = 0;
        while (start <= text.length() && count < earlier.length) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            long value = Long.parseLong(text, start, end, 10);
            earlier[count] = count == 0 ? value : earlier[count - 1] - value;
            if (earlier[count] <= 0 || (count > 0 && earlier[count] >= earlier[count - 1])) {
                throw new MalformedFrameException("earlier-commit links must decrease: " + text);
            }
            count++;
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return Arrays.copyOf(earlier, count);
    }
}
