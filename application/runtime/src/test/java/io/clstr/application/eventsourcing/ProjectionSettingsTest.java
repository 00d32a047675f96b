package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProjectionSettingsTest {

    @Test
    void retry_backoff_doubles_from_the_initial_delay_up_to_the_cap() {
        ProjectionSettings settings = ProjectionSettings.defaults()
                .withRetries(10, Duration.ofMillis(100), Duration.ofMillis(700));

        assertThat(new long[] {settings.retryDelayNanos(1), settings.retryDelayNanos(2), settings.retryDelayNanos(3),
                settings.retryDelayNanos(4), settings.retryDelayNanos(50)})
                .containsExactly(ms(100), ms(200), ms(400), ms(700), ms(700));
    }

    @Test
    void reconnect_backoff_never_overflows() {
        ProjectionSettings settings = ProjectionSettings.defaults()
                .withReconnectBackoff(Duration.ofDays(1), Duration.ofDays(100_000));

        assertThat(settings.reconnectDelayNanos(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(100_000).toNanos());
    }

    @Test
    void refuses_settings_that_cannot_work() {
        ProjectionSettings defaults = ProjectionSettings.defaults();
        assertThatThrownBy(() -> defaults.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> defaults.withRetries(1, Duration.ofMillis(2), Duration.ofMillis(1)))
                .hasMessageContaining("below the initial");
        assertThatThrownBy(() -> defaults.withReconnectBackoff(Duration.ZERO, Duration.ofMillis(1)))
                .hasMessageContaining("reconnect backoff");
        assertThatThrownBy(() -> defaults.withCheckpoints(0, Duration.ofSeconds(1)))
                .hasMessageContaining("checkpointEvery");
        assertThatThrownBy(() -> defaults.withCheckpoints(1, Duration.ofSeconds(-1)))
                .hasMessageContaining("checkpointInterval");
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
