package io.clstr.application.actor;

import java.time.Duration;

/**
 * Per-actor timers, keyed by name. A timer delivers its message into the actor's own mailbox, so
 * timer handling is serialised with every other message. Starting a timer under a key that is in
 * use replaces it; a replaced or cancelled timer never delivers again, even if its message is already
 * queued. All timers are cancelled when the actor stops or restarts.
 *
 * <p>A periodic timer keeps at most one tick in the mailbox: while a tick waits, later ticks are
 * dropped rather than piling up behind a slow actor. Timer messages do not count against the
 * mailbox capacity (each timer holds at most one slot).
 *
 * <p>Use only from inside the actor (its handlers and hooks).
 */
public interface Timers<M> {

    /** Delivers {@code message} once after {@code delay}. */
    void startSingleTimer(String key, M message, Duration delay);

    /** Delivers {@code message} every {@code interval}, the first time after one interval. */
    default void startPeriodicTimer(String key, M message, Duration interval) {
        startPeriodicTimer(key, message, interval, interval);
    }

    /** Delivers {@code message} after {@code initialDelay}, then every {@code interval}. */
    void startPeriodicTimer(String key, M message, Duration initialDelay, Duration interval);

    /** Whether a timer with this key is active (a single timer stops being active once delivered). */
    boolean isActive(String key);

    /** Cancels the timer with this key, if any. */
    void cancel(String key);

    /** Cancels every timer of this actor. */
    void cancelAll();
}
