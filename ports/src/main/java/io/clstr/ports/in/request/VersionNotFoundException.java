package io.clstr.ports.in.request;

/**
 * The addressed aggregate exists, but not in the version or at the instant asked for. The message says which
 * versions exist; it is written for the caller and names nothing internal.
 */
public class VersionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VersionNotFoundException(String message) {
        super(message);
    }
}
