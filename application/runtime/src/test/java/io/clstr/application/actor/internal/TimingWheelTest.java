package io.clstr.application.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.application.actor.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingWheelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // A tiny wheel, so delays span several revolutions.
    private final TimingWheel wheel = new TimingWheel(Duration.ofMillis(1), 8, "test-wheel");

    @AfterEach
    void close() {
        wheel.close();
    }

    @Test
    void runs_every_task_no_earlier_than_its_delay_even_across_revolutions() {
        int count = 2_000;
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger early = new AtomicInteger();

        for (int i = 0; i < count; i++) {
            long delay = Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 60)).toNanos();
            long due = System.nanoTime() + delay;
            wheel.schedule(delay, () -> {
                if (System.nanoTime() < due) {
                    early.incrementAndGet();
                }
                fired.incrementAndGet();
            });
        }

        await().atMost(TIMEOUT).untilAtomic(fired, org.hamcrest.Matchers.equalTo(count));
        assertThat(early).hasValue(0);
    }

    @Test
    void a_cancelled_task_never_runs() {
        AtomicInteger fired = new AtomicInteger();
        List<Cancellable> handles = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            handles.add(wheel.schedule(Duration.ofMillis(20).toNanos(), fired::incrementAndGet));
        }
        AtomicInteger marker = new AtomicInteger();

        handles.forEach(handle -> assertThat(handle.cancel()).isTrue());
        wheel.schedule(Duration.ofMillis(40).toNanos(), marker::incrementAndGet);

        await().atMost(TIMEOUT).untilAtomic(marker, org.hamcrest.Matchers.equalTo(1));
        assertThat(fired).hasValue(0);
        assertThat(handles.get(0).cancel()).isFalse();
    }

    @Test
    void an_entry_waiting_in_the_wheel_keeps_no_later_entry_reachable() {
        TimingWheel.Entry waiting = (TimingWheel.Entry) wheel.schedule(Duration.ofMinutes(1).toNanos(), () -> { });
        TimingWheel.Entry answered = (TimingWheel.Entry) wheel.schedule(Duration.ofMinutes(1).toNanos(), () -> { });
        answered.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.inboxNext == null);
    }

    @Test
    void a_failing_task_does_not_stop_the_wheel() {
        AtomicInteger fired = new AtomicInteger();

        wheel.schedule(0, () -> {
            throw new IllegalStateException("contained");
        });
        wheel.schedule(Duration.ofMillis(5).toNanos(), fired::incrementAndGet);

        await().atMost(TIMEOUT).untilAtomic(fired, org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void refuses_tasks_once_closed() {
        wheel.close();

        assertThatThrownBy(() -> wheel.schedule(1, () -> { })).isInstanceOf(IllegalStateException.class);
    }
}
