package io.clstr.ports.out.eventstore;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The event store: one stream per aggregate plus a global feed in commit order.
 *
 * <p>The contract (pinned by {@code EventStoreContract} in this module's test-jar):
 * <ul>
 *   <li>An append is atomic: all of its events are stored, or none.
 *   <li>An append is conflict-checked: if the stream's version differs from the expected one it
 *       fails with {@link ConcurrencyConflictException} and stores nothing.
 *   <li>Versions in a stream are 1, 2, 3 ... without gaps. Each commit gets a global position
 *       higher than every earlier commit's.
 *   <li>An append retried with the same commit id, after the first attempt succeeded, stores
 *       nothing new and reports the first result.
 *   <li>Reads of a missing stream return no events (not an error).
 *   <li>An append of more than {@link #MAX_EVENTS_PER_APPEND} events, or of more than {@link #maxAppendBytes()}
 *       bytes, is refused before anything is stored.
 * </ul>
 * Methods return {@link CompletionStage}s so that writers can keep many appends in flight.
 */
public interface EventStore {

    /** Largest number of events accepted in one append. */
    int MAX_EVENTS_PER_APPEND = 1000;

    /**
     * The most bytes one append may carry, as the sum of its events' {@link EventData#size()}. An append over it
     * is refused with {@link IllegalArgumentException} before anything is stored. Writers that batch (group
     * commit) keep each append within it. The default is no limit.
     */
    default long maxAppendBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Appends events to a stream, atomically, if the stream is at the expected version.
     *
     * @param commitId identifies this append; a retry with the same id is stored once
     * @return the new stream version and the commit's position; fails with
     *     {@link ConcurrencyConflictException} on a version mismatch
     */
    CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId);

    /** Appends with a fresh commit id. */
    default CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events) {
        return append(stream, expected, events, UUID.randomUUID().toString());
    }

    /** The events of a stream with versions from {@code fromVersion} to {@code toVersion}, both inclusive. */
    CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion);

    /** The events of a stream from {@code fromVersion} (inclusive) to its end. */
    default CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion) {
        return readStream(stream, fromVersion, Long.MAX_VALUE);
    }

    /**
     * The version of the stream's last event; {@code 0} for a stream with no events. Recovery asks it first, so that
     * a new or short stream costs no snapshot lookup. The default reads the whole stream; a store that knows a
     * stream's head answers from it.
     */
    default CompletionStage<Long> streamVersion(StreamId stream) {
        return readStream(stream, 1)
                .thenApply(events -> events.isEmpty() ? 0L : events.get(events.size() - 1).version());
    }

    /** Up to {@code maxCommits} matching commits with positions after {@code afterPosition}, in order. */
    CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter);

    /**
     * Delivers every matching commit after {@code afterPosition}: first those already stored, then
     * new ones as they are appended, without gaps or repeats. A slow listener never blocks writers.
     */
    Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener);
}
