package io.clstr.application.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.application.actor.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> fired = new ArrayList<>();

    @Test
    void runs_due_tasks_in_deadline_order_each_at_its_own_time() {
        scheduler.schedule(Duration.ofSeconds(3).toNanos(), () -> fired.add("3s at " + scheduler.nanoTime()));
        scheduler.schedule(Duration.ofSeconds(1).toNanos(), () -> fired.add("1s at " + scheduler.nanoTime()));
        scheduler.schedule(Duration.ofSeconds(5).toNanos(), () -> fired.add("5s"));

        int ran = scheduler.advance(Duration.ofSeconds(4));

        assertThat(ran).isEqualTo(2);
        assertThat(fired).containsExactly("1s at 1000000000", "3s at 3000000000");
        assertThat(scheduler.nanoTime()).isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(scheduler.untilNext()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void runs_tasks_scheduled_by_tasks_within_the_same_advance() {
        scheduler.schedule(Duration.ofSeconds(1).toNanos(),
                () -> scheduler.schedule(Duration.ofSeconds(1).toNanos(), () -> fired.add("chained")));

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(fired).containsExactly("chained");
    }

    @Test
    void a_cancelled_task_does_not_run() {
        Cancellable handle = scheduler.schedule(10, () -> fired.add("cancelled"));

        assertThat(handle.cancel()).isTrue();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(fired).isEmpty();
        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.untilNext()).isNull();
    }
}
