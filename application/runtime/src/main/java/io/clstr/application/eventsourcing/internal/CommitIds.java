package io.clstr.application.eventsourcing.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes commit ids, which must be unique across all writers and restarts because stores deduplicate
 * appends by them: a random prefix per runtime and a counter, so no append pays for a SecureRandom
 * call.
 */
public final class CommitIds {

    private final String prefix = UUID.randomUUID() + "-";
    private final AtomicLong next = new AtomicLong();

    String next() {
        return prefix + Long.toString(next.incrementAndGet(), 36);
    }
}
