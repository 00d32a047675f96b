package io.clstr.archfixtures.ports.out.notification;

import java.util.concurrent.CompletionStage;

// tag::port[]
/**
 * Tells people or systems outside that something happened. Delivery is at least once: a retried notification
 * arrives again, and receivers drop repeats by its id.
 */
public interface Notifier {

    /**
     * Sends a notification. The stage completes when the receiver has accepted it, or fails with a
     * {@link NotificationException}; it never blocks the caller.
     */
    CompletionStage<Void> send(Notification notification);
}
// end::port[]
