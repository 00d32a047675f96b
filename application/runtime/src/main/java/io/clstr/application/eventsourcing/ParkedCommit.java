package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A commit a projection could not apply and set aside (policy {@link ProjectionFailurePolicy#PARK}). It names
 * the commit and the failure, never the event data: the events stay in the event store, read again on retry.
 *
 * @param firstVersion the stream version of the commit's first event
 * @param lastVersion the stream version of its last event
 * @param eventTypes the stored type names of its events, in order
 * @param attempts how many times applying it failed (0 if it was parked because an earlier commit of its stream
 *     is parked)
 * @param error the last failure: exception class and message, shortened
 */
public record ParkedCommit(String projection, long position, StreamId stream, long firstVersion, long lastVersion,
        List<String> eventTypes, int attempts, String error, Instant parkedAt) {

    /** Longest error summary kept; longer ones are cut. */
    public static final int MAX_ERROR_LENGTH = 1000;

    public ParkedCommit {
        Projection.requireValidName(projection);
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(parkedAt, "parkedAt");
        eventTypes = List.copyOf(eventTypes);
        if (position < 1) {
            throw new IllegalArgumentException("position must be >= 1, got " + position);
        }
        if (firstVersion < 1 || lastVersion < firstVersion) {
            throw new IllegalArgumentException("versions must be 1 <= first <= last, got " + firstVersion + ".."
                    + lastVersion);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
        if (error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        }
    }

    /** The same commit after another failed attempt. */
    ParkedCommit failedAgain(String newError, Instant at) {
        return new ParkedCommit(projection, position, stream, firstVersion, lastVersion, eventTypes, attempts + 1,
                newError, at);
    }
}
