package io.clstr.adapters.nats;

/** The first connection to NATS could not be made (servers unreachable, bad credentials or TLS setup). */
public class NatsConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NatsConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
