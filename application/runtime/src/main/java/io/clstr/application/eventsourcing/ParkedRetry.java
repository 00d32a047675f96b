package io.clstr.application.eventsourcing;

/**
 * What {@link ProjectionRunner#retryParked()} achieved.
 *
 * @param applied parked commits applied and removed from the parked list
 * @param stillParked parked commits that failed again, or wait behind an earlier one of their stream
 */
public record ParkedRetry(int applied, int stillParked) {
}
