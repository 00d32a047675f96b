package io.clstr.adapters.nats;

/**
 * NATS answered the first connection but refused its credentials (or asked for some and got none). The message
 * is the server's reason, such as {@code Authorization Violation}; it never holds a secret.
 */
public class NatsCredentialsRefusedException extends NatsConnectException {

    private static final long serialVersionUID = 1L;

    public NatsCredentialsRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
