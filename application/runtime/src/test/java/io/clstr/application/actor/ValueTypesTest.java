package io.clstr.application.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation and arithmetic of the small public value types. */
class ValueTypesTest {

    @Test
    void actor_options_reject_unbounded_or_nonsensical_settings() {
        ActorOptions defaults = ActorOptions.defaults();

        assertThat(defaults).isEqualTo(new ActorOptions("actor", 1024, 64, SupervisionStrategy.resume()));
        assertThatThrownBy(() -> defaults.withMailboxCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withThroughput(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withGroup("Order/42"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
        assertThat(defaults.withGroup("entity-order").group()).isEqualTo("entity-order");
    }

    @Test
    void restart_backoff_doubles_from_the_minimum_and_never_exceeds_the_maximum() {
        SupervisionStrategy.Restart restart =
                SupervisionStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(restart.backoffNanos(0)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(restart.backoffNanos(1)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(restart.backoffNanos(8)).isEqualTo(Duration.ofMillis(25_600).toNanos());
        assertThat(restart.backoffNanos(9)).isEqualTo(Duration.ofSeconds(30).toNanos());
        for (int restarts = 0; restarts < 200; restarts++) {
            assertThat(restart.backoffNanos(restarts)).isBetween(restart.backoffNanos(Math.max(0, restarts - 1)),
                    Duration.ofSeconds(30).toNanos());
        }
        assertThat(restart.resetAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void restart_backoff_needs_a_positive_minimum_not_above_the_maximum() {
        assertThatThrownBy(() -> SupervisionStrategy.restartWithBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupervisionStrategy.restartWithBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
