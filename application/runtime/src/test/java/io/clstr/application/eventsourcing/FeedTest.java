package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.Subscription;
import org.junit.jupiter.api.Test;

class FeedTest {

    private final RunState runs = new RunState("tallies");
    /** These tests never deliver to it, so it needs no supervisor. */
    private final Feed feed = new Feed(runs, null);
    private final CountingSubscription subscription = new CountingSubscription();

    @Test
    void closing_closes_the_attached_subscription_once() {
        runs.use(runs.begin(true), feed);
        feed.attach(subscription);
        assertThat(runs.subscription()).isSameAs(subscription);

        feed.close();
        feed.close();

        assertThat(subscription.closes).isEqualTo(1);
        assertThat(runs.subscription()).isNull();
    }

    @Test
    void a_subscription_that_arrives_after_the_close_is_closed_at_once() {
        runs.use(runs.begin(true), feed);
        feed.close();

        feed.attach(subscription);

        assertThat(subscription.closes).isEqualTo(1);
        assertThat(runs.subscription()).isNull();
    }

    @Test
    void it_is_current_only_while_it_is_the_runs_subscription() {
        long run = runs.begin(true);
        assertThat(feed.current()).isFalse();
        runs.use(run, feed);
        assertThat(feed.current()).isTrue();
        assertThat(feed.live()).isFalse();

        runs.wentLive(feed);
        assertThat(feed.live()).isTrue();
        runs.stop();
        assertThat(feed.current()).isFalse();
    }

    @Test
    void a_failed_attempt_becomes_the_last_error() {
        runs.use(runs.begin(true), feed);

        feed.attemptFailed("commit at position 3 of count/c-1: boom");

        assertThat(runs.observe().lastError()).isEqualTo("commit at position 3 of count/c-1: boom");
    }

    private static final class CountingSubscription implements Subscription {
        int closes;

        @Override
        public long pending() {
            return 0;
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
