package io.clstr.archfixtures.ports.out.notification;

// tag::exception[]
/** A notification was not accepted; whether to retry it is the caller's decision. */
public class NotificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotificationException(String message) {
        super(message);
    }

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
// end::exception[]
