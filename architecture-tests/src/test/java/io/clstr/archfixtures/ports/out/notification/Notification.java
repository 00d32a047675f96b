package io.clstr.archfixtures.ports.out.notification;

import java.util.Objects;

// tag::notification[]
/**
 * One notification.
 *
 * @param id the same for every retry of one notification, so that receivers can drop repeats
 * @param topic what it is about, such as {@code loyalty.points-redeemed}
 * @param text for people; never personal data beyond what the receiver may see
 */
public record Notification(String id, String topic, String text) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(text, "text");
    }
}
// end::notification[]
