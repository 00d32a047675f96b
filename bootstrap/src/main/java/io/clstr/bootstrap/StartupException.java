package io.clstr.bootstrap;

/** A node could not start. Whatever had started is stopped again before this is thrown. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
