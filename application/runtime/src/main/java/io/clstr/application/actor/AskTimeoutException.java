package io.clstr.application.actor;

import java.time.Duration;

/**
 * No reply arrived within the ask's timeout. The message may still be processed later: a timeout
 * is an unknown outcome, not a failure of the handler. Raised on the timer, so it has no stack trace.
 */
public final class AskTimeoutException extends ActorException {

    private final Duration timeout;

    public AskTimeoutException(String actorName, String messageType, Duration timeout) {
        super(actorName, "ask " + messageType + " to actor " + actorName + " timed out after "
                + timeout.toMillis() + " ms", false);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
