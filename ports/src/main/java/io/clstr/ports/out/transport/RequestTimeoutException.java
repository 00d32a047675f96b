package io.clstr.ports.out.transport;

import java.time.Duration;

/** No reply arrived in time. The request may still be processed. */
public class RequestTimeoutException extends TransportException {

    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String subject, Duration timeout) {
        super("no reply on " + subject + " within " + timeout.toMillis() + " ms");
    }

    /** No reply will arrive, for the reason given (the connection was lost, say). */
    public RequestTimeoutException(String subject, String reason) {
        super("no reply on " + subject + ": " + reason);
    }
}
