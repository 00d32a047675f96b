package io.clstr.application.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallingThreadExecutorTest {

    private final List<String> order = new ArrayList<>();

    @Test
    void runs_a_task_before_execute_returns_and_queues_nested_submissions_after_it() {
        CallingThreadExecutor executor = CallingThreadExecutor.create();

        executor.execute(() -> {
            order.add("outer start");
            executor.execute(() -> order.add("nested"));
            order.add("outer end");
        });

        assertThat(order).containsExactly("outer start", "outer end", "nested");
    }

    @Test
    void manual_mode_runs_nothing_until_drained() {
        CallingThreadExecutor executor = CallingThreadExecutor.manual();
        executor.execute(() -> order.add("first"));
        executor.execute(() -> order.add("second"));
        assertThat(order).isEmpty();
        assertThat(executor.pending()).isEqualTo(2);

        assertThat(executor.drain()).isEqualTo(2);

        assertThat(order).containsExactly("first", "second");
    }
}
