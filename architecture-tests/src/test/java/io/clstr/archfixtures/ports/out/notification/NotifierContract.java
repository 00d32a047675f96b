package io.clstr.archfixtures.ports.out.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// tag::contract[]
/**
 * The semantics of {@link Notifier}, run against every adapter. A subclass supplies the notifiers and tells what
 * their receiver got.
 */
public abstract class NotifierContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Notifier notifier;

    /** A notifier whose receiver accepts everything and records it for {@link #received()}. */
    protected abstract Notifier createNotifier();

    /** What the receiver of {@link #createNotifier()} got, in order of arrival. */
    protected abstract List<Notification> received();

    /** A notifier whose receiver refuses every notification. */
    protected abstract Notifier createRefusingNotifier();

    @BeforeEach
    protected final void createTheNotifier() {
        notifier = createNotifier();
    }

    @Test
    void delivers_a_notification_with_every_field() {
        Notification sent = new Notification("n-1", "loyalty.points-redeemed", "account-1 redeemed 30 points");

        assertThat(notifier.send(sent)).succeedsWithin(TIMEOUT);

        assertThat(received()).containsExactly(sent);
    }

    @Test
    void delivers_a_retried_notification_again_with_the_same_id() {
        Notification sent = new Notification("n-2", "loyalty.points-earned", "account-1 earned 100 points");

        assertThat(notifier.send(sent)).succeedsWithin(TIMEOUT);
        assertThat(notifier.send(sent)).succeedsWithin(TIMEOUT);

        assertThat(received()).containsExactly(sent, sent);
    }

    @Test
    void fails_the_stage_with_a_notification_exception_when_the_receiver_refuses() {
        Notification refused = new Notification("n-3", "loyalty.points-earned", "refused");

        assertThat(createRefusingNotifier().send(refused)).failsWithin(TIMEOUT)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(NotificationException.class);
    }
}
// end::contract[]
