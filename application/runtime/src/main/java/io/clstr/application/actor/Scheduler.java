package io.clstr.application.actor;

/**
 * The time source of an actor system: a monotonic clock and one-shot delayed tasks. Ask timeouts,
 * actor timers and restart backoff all go through it, so a test can swap in a manual scheduler
 * and move time by hand.
 *
 * <p>Tasks run on the scheduler's own thread and must be short and non-blocking: the runtime only
 * uses them to enqueue a message or hand work to the actor executor.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Runs {@code task} once, no earlier than {@code delayNanos} from now (a delay of zero or less
     * means as soon as possible). Implementations must keep this cheap: it is called for every ask.
     */
    Cancellable schedule(long delayNanos, Runnable task);
}
