package io.clstr.application.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * What an actor does after one of its handlers throws. Whatever the strategy, the failing message's
 * ask fails with the handler's exception and the failure is counted; the strategy only decides the
 * fate of the actor.
 */
public sealed interface SupervisionStrategy
        permits SupervisionStrategy.Resume, SupervisionStrategy.Restart, SupervisionStrategy.Stop {

    /** Keep the state and go on with the next message. The default. */
    static SupervisionStrategy resume() {
        return Resume.INSTANCE;
    }

    /** Stop the actor as if {@link ActorRef#stop()} had been called. */
    static SupervisionStrategy stop() {
        return Stop.INSTANCE;
    }

    /**
     * Throw the state away and create it afresh from the behaviour's factory after a backoff that
     * starts at {@code minBackoff} and doubles with each consecutive restart up to {@code maxBackoff}.
     * The count of consecutive restarts resets once the actor has run for {@code maxBackoff} without
     * failing. Messages wait in the mailbox meanwhile.
     */
    static Restart restartWithBackoff(Duration minBackoff, Duration maxBackoff) {
        return new Restart(minBackoff, maxBackoff, maxBackoff);
    }

    /** Keep the state and continue. */
    final class Resume implements SupervisionStrategy {
        static final Resume INSTANCE = new Resume();

        private Resume() {
        }

        @Override
        public String toString() {
            return "resume";
        }
    }

    /** Stop the actor. */
    final class Stop implements SupervisionStrategy {
        static final Stop INSTANCE = new Stop();

        private Stop() {
        }

        @Override
        public String toString() {
            return "stop";
        }
    }

    /**
     * Re-create the state after an exponential backoff.
     *
     * @param minBackoff the delay before the first restart
     * @param maxBackoff the cap on the delay
     * @param resetAfter how long the actor must run without failing before the delay drops back to
     *                   {@code minBackoff}
     */
    record Restart(Duration minBackoff, Duration maxBackoff, Duration resetAfter) implements SupervisionStrategy {

        public Restart {
            Objects.requireNonNull(minBackoff, "minBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(resetAfter, "resetAfter");
            if (minBackoff.isNegative() || minBackoff.isZero()) {
                throw new IllegalArgumentException("minBackoff must be positive, got " + minBackoff);
            }
            if (maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be at least minBackoff, got " + maxBackoff);
            }
            if (resetAfter.isNegative()) {
                throw new IllegalArgumentException("resetAfter must not be negative, got " + resetAfter);
            }
        }

        /** The same strategy with another reset period. */
        public Restart withResetAfter(Duration resetAfter) {
            return new Restart(minBackoff, maxBackoff, resetAfter);
        }

        /** The delay before restart number {@code previousRestarts + 1} in a row, in nanoseconds. */
        public long backoffNanos(int previousRestarts) {
            long min = minBackoff.toNanos();
            long max = maxBackoff.toNanos();
            if (previousRestarts >= 62) {
                return max;
            }
            long delay = min << previousRestarts;
            return delay <= 0 || (delay >>> previousRestarts) != min || delay > max ? max : delay;
        }
    }
}
