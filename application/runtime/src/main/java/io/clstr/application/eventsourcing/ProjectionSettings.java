package io.clstr.application.eventsourcing;

import java.time.Duration;
import java.util.Objects;

/**
 * How a projection runner applies commits, survives failures and saves its checkpoint.
 *
 * <p>A failing commit is tried {@code maxAttempts} times in all, waiting {@code retryBackoff} after the first
 * failure and twice as long after each next one, up to {@code maxRetryBackoff}; then {@code failurePolicy}
 * decides. A failed subscription is resubscribed with the same doubling, from {@code reconnectBackoff} up to
 * {@code maxReconnectBackoff}, for as long as it takes.
 *
 * <p>The checkpoint is saved after {@code checkpointEvery} commits, at the latest {@code checkpointInterval}
 * after a commit, and on stop and pause. Batching is safe because replaying a commit after the checkpoint
 * changes nothing in an idempotent read model ({@link KeyValueReadModel}); larger batches cost fewer writes and
 * more replay after a crash.
 */
public record ProjectionSettings(
        ProjectionFailurePolicy failurePolicy,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration reconnectBackoff,
        Duration maxReconnectBackoff,
        int checkpointEvery,
        Duration checkpointInterval) {

    public ProjectionSettings {
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, got " + maxAttempts);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be positive, got " + checkpointEvery);
        }
        backoffRange(retryBackoff, maxRetryBackoff, "retry");
        backoffRange(reconnectBackoff, maxReconnectBackoff, "reconnect");
        positive(checkpointInterval, "checkpointInterval");
    }

    /**
     * Stop on a poison commit after 5 attempts (backoff 100 ms doubling to 5 s); reconnect from 100 ms doubling
     * to 30 s; checkpoint every 100 commits or 1 s.
     */
    public static ProjectionSettings defaults() {
        return new ProjectionSettings(ProjectionFailurePolicy.STOP, 5, Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(30), 100, Duration.ofSeconds(1));
    }

    /** How long to wait after the {@code failures}-th failed attempt at a commit (1 = the first). */
    public long retryDelayNanos(int failures) {
        return doubling(retryBackoff, maxRetryBackoff, failures);
    }

    /** How long to wait before the {@code failures}-th resubscription in a row (1 = the first). */
    public long reconnectDelayNanos(int failures) {
        return doubling(reconnectBackoff, maxReconnectBackoff, failures);
    }

    public ProjectionSettings withFailurePolicy(ProjectionFailurePolicy value) {
        return new ProjectionSettings(value, maxAttempts, retryBackoff, maxRetryBackoff, reconnectBackoff,
                maxReconnectBackoff, checkpointEvery, checkpointInterval);
    }

    /** Attempts in all, so {@code 1} means no retry; with the backoff from {@code initial} doubling to {@code max}. */
    public ProjectionSettings withRetries(int attempts, Duration initial, Duration max) {
        return new ProjectionSettings(failurePolicy, attempts, initial, max, reconnectBackoff, maxReconnectBackoff,
                checkpointEvery, checkpointInterval);
    }

    public ProjectionSettings withReconnectBackoff(Duration initial, Duration max) {
        return new ProjectionSettings(failurePolicy, maxAttempts, retryBackoff, maxRetryBackoff, initial, max,
                checkpointEvery, checkpointInterval);
    }

    public ProjectionSettings withCheckpoints(int everyCommits, Duration interval) {
        return new ProjectionSettings(failurePolicy, maxAttempts, retryBackoff, maxRetryBackoff, reconnectBackoff,
                maxReconnectBackoff, everyCommits, interval);
    }

    private static long doubling(Duration initial, Duration max, int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be positive, got " + failures);
        }
        long delay = initial.toNanos();
        long cap = max.toNanos();
        for (int i = 1; i < failures && delay < cap; i++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        return Math.min(delay, cap);
    }

    private static void backoffRange(Duration initial, Duration max, String what) {
        positive(initial, what + " backoff");
        positive(max, "max " + what + " backoff");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max " + what + " backoff " + max + " is below the initial " + initial);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
