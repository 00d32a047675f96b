package io.clstr.ports.in.request;

/**
 * The service could not give an answer in time (not ready, no node serves the key, or the deadline
 * passed). The command may or may not have taken effect; retrying with the same command id is safe.
 */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
